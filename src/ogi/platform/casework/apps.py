from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "ogi.platform.casework"
    label = "casework"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from ogi.platform.audit import labels
        from ogi.platform.workcalendar.service import calendar_changed

        from .actions import ACTIONS
        from .recompute import recompute_open_cases

        for action in ACTIONS.values():
            labels.register(f"case.{action.name}", action.label)

        calendar_changed.connect(recompute_open_cases, dispatch_uid="casework.recompute_open_cases")
