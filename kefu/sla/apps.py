from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "kefu.sla"
    label = "sla"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kefu.core.checks import register_holiday_source
        from kefu.sla.checks import entered_schedule_coverage

        register_holiday_source(entered_schedule_coverage)
        post_migrate.connect(restore_default_policies, sender=self)

        from django.db.models.signals import post_delete, post_save

        from kefu.sla import cached

        for name in ("SlaPolicy", "BusinessCalendar", "WorkingPeriod", "CalendarDay"):
            model = self.get_model(name)
            post_save.connect(cached.clear, sender=model, weak=False)
            post_delete.connect(cached.clear, sender=model, weak=False)
        post_migrate.connect(cached.clear, sender=self, weak=False)


def restore_default_policies(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: a flush empties the policies that migration 0003 created; restore them."""
    from django.apps import apps as global_apps

    from kefu.sla.shipped import ensure_default_policies

    ensure_default_policies(apps or global_apps)
