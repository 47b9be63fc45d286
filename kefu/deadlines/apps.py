from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "kefu.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from kefu.deadlines import hooks
        from kefu.deadlines.services import open_dues
        from kefu.tickets.hooks import after_create, after_transition, register_due_reader

        after_create("deadlines", hooks.on_create)
        after_transition("deadlines", hooks.on_transition)
        register_due_reader(open_dues)
