"""Screen pop (来电弹屏): what the agent's console shows about the call coming in now.

The newest live call for the agent (ringing or answered at their extension, or ringing on a
queue with no extension), else their call that just ended without a work order, with the
matched customer and its open work orders — every read through ``visible_to(user)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from kefu.core.clock import now
from kefu.core.masking import mask_phone
from kefu.cti.lifecycle import LIVE, CallState
from kefu.cti.links import ticket_url
from kefu.cti.models import Call
from kefu.cti.services.converting import caller_candidates
from kefu.customers.models import Customer
from kefu.tickets.choices import Status
from kefu.tickets.models import Ticket
from kefu.tickets.workflow import Workflow

# A live call with no event for this long is taken as lost (its "ended" never came).
LIVE_WINDOW = dt.timedelta(hours=2)
# How long a call that ended keeps offering the agent to open its work order.
ENDED_WINDOW = dt.timedelta(minutes=15)
OPEN_TICKET_LIMIT = 10


@dataclass(frozen=True)
class OpenTicket:
    """One open work order of the caller (未结工单), as the pop lists it."""

    number: str
    type_name: str
    state_label: str
    next_due_at: dt.datetime | None
    url: str


@dataclass(frozen=True)
class Pop:
    """The screen pop of one call for one user."""

    call: Call
    phone: str
    customer: Customer | None
    candidates: list[Customer] = field(default_factory=list)
    tickets: list[OpenTicket] = field(default_factory=list)
    ticket_url: str = ""

    @property
    def is_live(self) -> bool:
        return CallState(self.call.state) in LIVE

    @property
    def key(self) -> str:
        """Changes whenever what the pop shows changes (the console skips identical polls)."""
        parts: list[Any] = [
            get_language(),
            self.call.pk,
            self.call.state,
            self.call.ticket_id,
            self.customer.pk if self.customer else None,
            [c.pk for c in self.candidates],
            [(t.number, t.state_label, t.next_due_at) for t in self.tickets],
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _state_label(ticket: Ticket, parsed: dict[int, Workflow]) -> str:
    version = ticket.workflow_version
    if version.pk not in parsed:
        parsed[version.pk] = version.workflow()
    state = parsed[version.pk].state(ticket.state)
    if state is None:
        return ticket.state
    return state.label_zh if _chinese() else state.label_en


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def open_tickets(customer: Customer, user: Any) -> list[OpenTicket]:
    """The customer's work orders not yet closed that the user may see, next due first."""
    rows = (
        Ticket.objects.visible_to(user)
        .filter(customer=customer)
        .exclude(status_category=Status.CLOSED)
        .select_related("ticket_type", "workflow_version")
        .order_by("next_due_at", "-id")[:OPEN_TICKET_LIMIT]
    )
    parsed: dict[int, Workflow] = {}
    chinese = _chinese()
    return [
        OpenTicket(
            number=t.number,
            type_name=t.ticket_type.name_zh if chinese else t.ticket_type.name_en,
            state_label=_state_label(t, parsed),
            next_due_at=t.next_due_at,
            url=ticket_url(t.number),
        )
        for t in rows
    ]


def pop_of(call: Call, user: Any) -> Pop:
    """The pop of ``call`` as ``user`` may see it."""
    customer = None
    candidates: list[Customer] = []
    if call.customer_id is not None:
        customer = Customer.objects.visible_to(user).filter(pk=call.customer_id).first()
    else:
        candidates = caller_candidates(call, user)
        if len(candidates) == 1:
            customer, candidates = candidates[0], []
    return Pop(
        call=call,
        phone=mask_phone(call.caller),
        customer=customer,
        candidates=candidates,
        tickets=open_tickets(customer, user) if customer is not None else [],
        ticket_url=ticket_url(call.ticket.number) if call.ticket else "",
    )


def pop_for(user: Any, *, at: dt.datetime | None = None) -> Pop | None:
    """The screen pop for ``user`` now, or None when no call is for them."""
    moment = at or now()
    calls = Call.objects.visible_to(user).select_related("ticket")
    call = calls.live_for(user, since=moment - LIVE_WINDOW).first()
    if call is None:
        call = calls.just_ended_for(user, since=moment - ENDED_WINDOW).first()
    return pop_of(call, user) if call is not None else None
