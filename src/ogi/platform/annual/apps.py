from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "ogi.platform.annual"
    label = "annual"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("report.draft", "生成年度报告草稿")
        labels.register("report.edit", "修改年度报告文字")
        labels.register("report.acknowledge", "确认年度报告提示")
        labels.register("report.publish", "发布年度报告")
        labels.register("report.import", "导入往年年度报告")
