from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "ogi.platform.public"
    label = "public"
    verbose_name = "公开与在线申请"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("guide.edit", "修改政府信息公开指南")
