from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kefu.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kefu.surveys.panel import ticket_panel
        from kefu.tickets.panels import register_panel

        register_panel("survey", "surveys/_ticket_panel.html", ticket_panel, order=70)
