from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    name = "kefu.callbacks"
    label = "callbacks"
    verbose_name = _("Callbacks")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from kefu.callbacks.handlers import EFFECT_KEY, on_ticket_event, schedule_from_step
        from kefu.callbacks.timeline import callback_entries
        from kefu.customers.timeline import register_timeline_source
        from kefu.tickets.effects import register_effect
        from kefu.tickets.models import TicketEvent

        register_effect(EFFECT_KEY, schedule_from_step)
        # A callback recorded on the work order page closes the work order's callback task.
        post_save.connect(
            on_ticket_event, sender=TicketEvent, dispatch_uid="callbacks.ticket_callback"
        )
        register_timeline_source(callback_entries)
