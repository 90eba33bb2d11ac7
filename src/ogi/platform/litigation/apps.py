from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "ogi.platform.litigation"
    label = "litigation"
    verbose_name = "行政复议与行政诉讼"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("dispute.create", "登记复议诉讼案件")
        labels.register("dispute.update", "修改复议诉讼案件")
