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
        from kefu.customers.timeline import register_timeline_source
        from kefu.tickets.querysets import customers_of_forwarded_tickets
        from kefu.tickets.timeline import ticket_entries

        register_scope_provider(customers_of_forwarded_tickets)
        register_timeline_source(ticket_entries)
        post_migrate.connect(restore_shipped_types, sender=self)
        register_records_panel()
        post_migrate.connect(restore_reply_templates, sender=self)


def restore_shipped_types(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: a flush empties the types that migration 0002 created; restore them."""
    from django.apps import apps as global_apps

    from kefu.tickets.shipped import ensure_shipped_types

    ensure_shipped_types(apps or global_apps)


def register_records_panel() -> None:
    """The records panel (附属记录: replies, notes, attachments, links, tags) of the page."""
    from kefu.tickets.panels import register_panel
    from kefu.tickets.record_panel import records_panel

    register_panel("records", "tickets/records/_panel.html", records_panel, order=50)


def restore_reply_templates(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: a flush empties the standard replies of migration 0005; restore them."""
    from django.apps import apps as global_apps

    from kefu.tickets.reply_presets import ensure_shipped_reply_templates

    ensure_shipped_reply_templates(apps or global_apps)
