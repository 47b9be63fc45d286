"""Recording a callback (登记回访) on a work order that waits for it.

A callback that reached the customer completes the callback step (``callback_done``); its
satisfaction decides whether the work order may be archived or must be handled again. Other
outcomes (not reached, refused, wrong number) are recorded as attempts.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.tickets.choices import CallbackOutcome, EventKind, Satisfaction
from kefu.tickets.facts import needs_callback
from kefu.tickets.feedback_models import SatisfactionSource
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services.events import append_event
from kefu.tickets.services.satisfaction import record_satisfaction_level


def _validated(outcome: str, satisfaction: str, notes: str) -> None:
    errors: dict[str, list[str]] = {}
    if outcome not in CallbackOutcome.values:
        errors["outcome"] = [_("Choose the outcome of the callback.")]
    if outcome == CallbackOutcome.REACHED and satisfaction not in Satisfaction.values:
        errors["satisfaction"] = [_("Choose how satisfied the customer is.")]
    if satisfaction and satisfaction not in Satisfaction.values:
        errors["satisfaction"] = [_("Choose how satisfied the customer is.")]
    if len(notes) > 2000:
        errors["notes"] = [_("Keep the notes under 2,000 characters.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)


def record_callback(
    *, actor: Any, ticket: Ticket, outcome: str, satisfaction: str = "", notes: str = ""
) -> TicketEvent:
    """Record one callback (登记回访) on a work order waiting for it; returns the event."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("tickets.reply_ticket"):
        raise NotPermitted(_("You may not record callbacks."))
    _validated(outcome, satisfaction, notes)
    if outcome != CallbackOutcome.REACHED:
        satisfaction = ""
    with transaction.atomic():
        current = (
            Ticket.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("workflow_version")
            .filter(pk=ticket.pk)
            .first()
        )
        if current is None:
            raise NotFound(_("Work order not found."))
        if not needs_callback(current):
            raise Conflict(
                _("This work order is not waiting for a callback."), code="no_callback_due"
            )
        at = now()
        event = append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.CALLBACK,
            data={"outcome": outcome, "satisfaction": satisfaction, "notes": notes.strip()},
        )
        if satisfaction:
            record_satisfaction_level(
                customer=current.customer, ticket=current, level=satisfaction,
                source=SatisfactionSource.CALLBACK, actor=actor, at=at,
            )  # fmt: skip
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"callback": [None, outcome], "satisfaction": [None, satisfaction or None]},
        )
    return event
