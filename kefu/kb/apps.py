from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeBaseConfig(AppConfig):
    name = "kefu.kb"
    label = "kb"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from kefu.kb.panel import ticket_panel
        from kefu.tickets.panels import register_panel

        register_panel("knowledge", "kb/_ticket_panel.html", ticket_panel, order=40)
