from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "ogi.platform.casework"
    label = "casework"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from ogi.platform.workcalendar.service import calendar_changed

        from .recompute import recompute_open_cases

        calendar_changed.connect(recompute_open_cases, dispatch_uid="casework.recompute_open_cases")
