from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "kefu.customers"
    label = "customers"
    verbose_name = _("Customers")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_grade_rules, sender=self)


def ensure_grade_rules(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: a flush empties the grade rules that migration 0002 created; restore the
    default thresholds for any grade without a rule (existing rules are never changed)."""
    from decimal import Decimal

    from django.apps import apps as global_apps

    rule = (apps or global_apps).get_model("customers", "GradeRule")
    for grade, spend, visits in DEFAULT_GRADE_RULES:
        rule.objects.get_or_create(
            grade=grade, defaults={"min_spend_12m": Decimal(spend), "min_visits_12m": visits}
        )


# Default thresholds, editable in the console: A ≥ ¥10,000 and 12 visits, B ≥ ¥3,000 and 4.
DEFAULT_GRADE_RULES = (("A", "10000", 12), ("B", "3000", 4), ("C", "0", 0))
