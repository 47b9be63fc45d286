from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "kefu.tickets"
    label = "tickets"
    verbose_name = _("Work orders")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kefu.customers.querysets import register_scope_provider
        from kefu.tickets.querysets import customers_of_forwarded_tickets

        register_scope_provider(customers_of_forwarded_tickets)
        post_migrate.connect(restore_shipped_types, sender=self)


def restore_shipped_types(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: a flush empties the types that migration 0002 created; restore them."""
    from django.apps import apps as global_apps

    from kefu.tickets.shipped import ensure_shipped_types

    ensure_shipped_types(apps or global_apps)
