from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "kefu.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from kefu.deadlines import hooks
        from kefu.deadlines.dues import open_dues
        from kefu.tickets.hooks import after_create, after_transition, register_due_reader

        after_create("deadlines", hooks.on_create)
        # Deadlines keep ``Ticket.next_due_at`` up to date in memory (``refresh_next_due``).
        after_transition("deadlines", hooks.on_transition, in_memory=True)
        register_due_reader(open_dues)
