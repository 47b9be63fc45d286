from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "kefu.liaison"
    label = "liaison"
    verbose_name = _("Work contact orders")

    def ready(self) -> None:
        from kefu.liaison.handlers import EFFECT_KEY, follow_step, issue_from_step
        from kefu.liaison.panels import contact_orders_panel
        from kefu.tickets.effects import register_effect
        from kefu.tickets.hooks import after_transition
        from kefu.tickets.panels import register_panel

        register_effect(EFFECT_KEY, issue_from_step)
        after_transition("liaison", follow_step)
        register_panel(
            "contact_orders", "liaison/_ticket_panel.html", contact_orders_panel, order=30
        )
