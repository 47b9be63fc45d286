"""A call becomes a work order (来电转工单): one click, once per call.

The work order is opened for the call's customer (or the one the agent chose among several
with the caller's number; an unknown caller becomes a new customer named after the last four
digits, to be completed later), with channel phone, and gets an event of kind ``call``.
A second click, or two clicks at once, return the first work order.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.core.masking import mask_phone
from kefu.cti.choices import TICKET_TYPES, State
from kefu.cti.models import Call
from kefu.customers.models import Customer
from kefu.customers.services import customer_for_contact
from kefu.tickets.choices import Channel, EventKind
from kefu.tickets.models import Ticket, TicketType
from kefu.tickets.services import create_ticket
from kefu.tickets.services.events import append_event

# Name of a customer created from an unknown caller, followed by the number's last 4 digits.
UNKNOWN_CALLER_NAME = "来电客户"
# Customers with the caller's number offered to choose from, at most.
CANDIDATE_LIMIT = 10


class _AlreadyOpened(Exception):
    """Another request opened the call's work order first: undo ours, return theirs."""


def caller_candidates(call: Call, user: Any) -> list[Customer]:
    """Active customers the user may see who have the caller's number, oldest first."""
    return list(
        Customer.objects.visible_to(user)
        .active()
        .filter(phone=call.caller)
        .order_by("id")[:CANDIDATE_LIMIT]
    )


def _customer_for(actor: Any, call: Call, customer_id: int | None) -> Customer:
    if call.customer_id is not None:
        found = Customer.objects.visible_to(actor).filter(pk=call.customer_id).first()
        if found is None:
            raise NotFound(_("Customer not found."))
        return found
    candidates = caller_candidates(call, actor)
    if customer_id is not None:
        chosen = next((c for c in candidates if c.pk == customer_id), None)
        if chosen is None:
            message = _("Choose one of the customers with the caller's number.")
            raise ValidationFailed(message, fields={"customer": [message]})
        return chosen
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        message = _("Several customers have the caller's number: choose one.")
        raise ValidationFailed(message, fields={"customer": [message]})
    return customer_for_contact(
        actor=actor, name=f"{UNKNOWN_CALLER_NAME} {call.caller_last4}", phone=call.caller
    )


def _title(type_code: str, call: Call) -> str:
    ticket_type = TicketType.objects.filter(code=type_code).first()
    chinese = (get_language() or "zh-hans").lower().startswith("zh")
    name = type_code
    if ticket_type is not None:
        name = ticket_type.name_zh if chinese else ticket_type.name_en
    when = timezone.localtime(call.started_at).strftime("%Y-%m-%d %H:%M")
    return _("Phone %(type)s, %(time)s") % {"type": name, "time": when}


def _description(call: Call) -> str:
    text = _("Opened from phone call %(call_id)s from %(caller)s.") % {
        "call_id": call.call_id,
        "caller": mask_phone(call.caller),
    }
    if call.duration_seconds is not None:
        text += " " + _("Talk time: %(seconds)d seconds.") % {"seconds": call.duration_seconds}
    return text


def ticket_from_call(
    *, actor: Any, call: Call, type_code: str, customer_id: int | None = None
) -> Ticket:
    """Open the work order of a call (来电转工单); the existing one if it has one already."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("tickets.add_ticket"):
        raise NotPermitted(_("You may not open work orders."))
    try:
        with transaction.atomic():
            fresh = Call.objects.visible_to(actor).select_for_update().filter(pk=call.pk).first()
            if fresh is None:
                raise NotFound(_("Call not found."))
            if fresh.ticket_id is not None:
                return Ticket.objects.get(pk=fresh.ticket_id)
            if type_code not in TICKET_TYPES:
                message = _("Choose consultation, complaint or repair.")
                raise ValidationFailed(message, fields={"type": [message]})
            if fresh.state == State.RINGING:
                raise Conflict(_("The call is still ringing: answer it first."))
            customer = _customer_for(actor, fresh, customer_id)
            ticket = create_ticket(
                actor=actor,
                type_code=type_code,
                customer=customer,
                channel=Channel.PHONE,
                title=_title(type_code, fresh),
                description=_description(fresh),
            )
            claimed = Call.objects.filter(pk=fresh.pk, ticket__isnull=True).update(
                ticket=ticket, customer=customer
            )
            if not claimed:
                raise _AlreadyOpened
            append_event(
                ticket=ticket,
                actor=actor,
                at=now(),
                kind=EventKind.CALL,
                data={
                    "call_id": fresh.call_id,
                    "caller": mask_phone(fresh.caller),
                    "state": fresh.state,
                    "answered_at": fresh.answered_at,
                    "ended_at": fresh.ended_at,
                    "duration_seconds": fresh.duration_seconds,
                    "recording_url": fresh.recording_url,
                },
            )
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=fresh,
                changes={
                    "ticket": [None, ticket.number],
                    "customer": [fresh.customer_id, customer.pk],
                },
            )
    except _AlreadyOpened:
        return Ticket.objects.get(calls__pk=call.pk)
    return ticket
