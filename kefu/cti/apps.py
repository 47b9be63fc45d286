from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CtiConfig(AppConfig):
    name = "kefu.cti"
    label = "cti"
    verbose_name = _("Phone calls")

    def ready(self) -> None:
        from kefu.cti.panels import call_entries, ticket_calls_panel
        from kefu.customers.timeline import register_timeline_source
        from kefu.tickets.panels import register_panel

        register_panel("calls", "cti/_ticket_panel.html", ticket_calls_panel, order=60)
        register_timeline_source(call_entries)
