from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ogi.platform.api"
    label = "api"
    verbose_name = "接口"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("api.token.create", "创建接口令牌")
        labels.register("api.token.revoke", "吊销接口令牌")
