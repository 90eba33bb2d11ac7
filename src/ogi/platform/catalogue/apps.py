from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "ogi.platform.catalogue"
    label = "catalogue"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("catalogue.create", "发布主动公开信息")
        labels.register("catalogue.figures", "录入年度数据")
        labels.register("catalogue.category", "增设主动公开类别")
