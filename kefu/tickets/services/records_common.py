"""Shared checks of the record services (工单附属记录公共检查): capability and scope."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kefu.core.errors import NotFound, NotPermitted
from kefu.tickets.models import Ticket


def require(actor: Any, perm: str, message: str) -> None:
    """Raise ``NotPermitted(message)`` unless the actor is signed in and holds ``perm``."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(message)


def visible_ticket(actor: Any, ticket: Ticket, *, lock: bool = False) -> Ticket:
    """The work order as stored, if the actor may see it (else ``NotFound``); locked on request
    (inside the caller's transaction)."""
    qs = Ticket.objects.visible_to(actor)
    if lock:
        qs = qs.select_for_update(of=("self",))
    current = qs.select_related("customer", "ticket_type").filter(pk=ticket.pk).first()
    if current is None:
        raise NotFound(_("Work order not found."))
    return current
