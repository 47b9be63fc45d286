"""Customer opinion form (顾客意见处理单) of a complaint, built from the work order's events.

Seed 004 §9.1: on receiving a complaint the service center fills in the customer opinion form
and issues a work contact order; §9.3: after the department has handled it, the callback is
recorded. The form gathers what the events recorded: the complaint, its classification, the
responsible department, cause and solution, the reply, the customer's satisfaction and the
callback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from kefu.liaison.models import ContactOrder
from kefu.liaison.presenters import customer_phone, state_label
from kefu.tickets.choices import CallbackOutcome, EventKind, Satisfaction
from kefu.tickets.models import Ticket, TicketEvent


@dataclass
class OpinionForm:
    """What the printed form shows; empty strings are printed as blank lines to fill in."""

    ticket: Ticket
    customer_name: str
    customer_phone: str
    received_at: dt.datetime
    channel: str
    received_by: str
    content: str
    category: str
    major_reason: str = ""
    department: str = ""
    contact_orders: list[ContactOrder] = field(default_factory=list)
    cause: str = ""
    solution: str = ""
    handled_by: str = ""
    handled_at: dt.datetime | None = None
    reply: str = ""
    replied_by: str = ""
    replied_at: dt.datetime | None = None
    satisfaction: str = ""
    callback: str = ""
    callback_at: dt.datetime | None = None
    state: str = ""
    reopen_count: int = 0
    closed_at: dt.datetime | None = None


def _text(data: Any, name: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    if isinstance(value, dict):
        return str(value.get("label", ""))
    return "" if value is None else str(value)


def _label(choices: type[models.TextChoices], value: str) -> str:
    """A recorded code shown by its label (满意 for ``satisfied``); other text as given."""
    return str(choices(value).label) if value in choices.values else value


def _who(event: TicketEvent) -> str:
    return str(event.actor) if event.actor_id else ""


def opinion_form(ticket: Ticket) -> OpinionForm:
    """Fill the form from the ticket, its contact orders and its events (later ones win)."""
    form = OpinionForm(
        ticket=ticket,
        customer_name=ticket.customer.name,
        customer_phone=customer_phone(ticket),
        received_at=ticket.created_at,
        channel=ticket.get_channel_display(),
        received_by=str(ticket.created_by) if ticket.created_by_id else "",
        content="\n".join(part for part in (ticket.title, ticket.description) if part),
        category=ticket.category,
        department=ticket.department.name if ticket.department is not None else "",
        contact_orders=list(
            ContactOrder.objects.filter(ticket=ticket).select_related("addressed_to").order_by("id")
        ),
        state=state_label(ticket),
        reopen_count=ticket.reopen_count,
        closed_at=ticket.closed_at,
    )
    events = TicketEvent.objects.filter(ticket=ticket).select_related("actor").order_by("id")
    for event in events:
        fields = event.data.get("fields", {}) if isinstance(event.data, dict) else {}
        if event.kind == EventKind.CALLBACK:
            parts = [
                _label(CallbackOutcome, _text(event.data, "outcome")),
                _label(Satisfaction, _text(event.data, "satisfaction")),
                _text(event.data, "notes"),
            ]
            form.callback = "，".join(part for part in parts if part)
            form.callback_at = event.at
            continue
        if event.kind != EventKind.TRANSITION:
            continue
        code = event.transition
        if code == "escalate_major":
            form.major_reason = _text(fields, "major_reason")
        if code == "submit_findings":
            form.cause, form.solution = _text(fields, "cause"), _text(fields, "solution")
            form.handled_by, form.handled_at = _who(event), event.at
        if code == "reply":
            form.reply = _text(fields, "reply")
            form.replied_by, form.replied_at = _who(event), event.at
        if code in ("confirm_satisfied", "confirm_dissatisfied"):
            form.satisfaction = _label(Satisfaction, _text(fields, "satisfaction"))
    return form
