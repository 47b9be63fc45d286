from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "kefu.sla"
    label = "sla"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from kefu.core.checks import register_holiday_source
        from kefu.sla.checks import entered_schedule_coverage

        register_holiday_source(entered_schedule_coverage)
