from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "ogi.platform.documents"
    label = "documents"
    verbose_name = "文书"

    def ready(self) -> None:
        from ogi.platform.audit import labels

        labels.register("document.draft", "起草文书")
        labels.register("document.edit", "修改文书")
        labels.register("document.template", "更换文书模板")
        labels.register("case.issue_document", "签发文书")
