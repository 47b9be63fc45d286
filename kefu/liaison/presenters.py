"""How contact orders are shown (联系单展示): labels in the active language, masked phones,
deadline marks. Shared by pages, panel, PDFs and API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language

from kefu.core.masking import mask_phone
from kefu.liaison.models import ContactOrder
from kefu.tickets.models import Ticket
from kefu.tickets.vocabulary import FIELDS
from kefu.tickets.workflow import Transition


def is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def state_label(ticket: Ticket) -> str:
    """The work order's workflow state in the active language."""
    state = ticket.workflow_version.workflow().state(ticket.state)
    if state is None:
        return ticket.state
    return state.label_zh if is_chinese() else state.label_en


def step_label(transition: Transition) -> str:
    return transition.label_zh if is_chinese() else transition.label_en


def field_label(name: str) -> str:
    text = FIELDS.get(name)
    if text is None:
        return name
    return text.zh if is_chinese() else text.en


def customer_phone(ticket: Ticket) -> str:
    """The customer's phone, masked (138****5678): contact orders never show it in full."""
    return mask_phone(ticket.customer.phone)


def ticket_url(ticket: Ticket) -> str:
    """The work order's console page."""
    return reverse("tickets:detail", args=[ticket.number])


@dataclass(frozen=True)
class OrderRow:
    """One contact order with its deadline marks at a moment."""

    order: ContactOrder
    is_overdue: bool
    is_act_overdue: bool


def order_row(order: ContactOrder, at: dt.datetime) -> OrderRow:
    return OrderRow(order, order.is_overdue(at), order.is_act_overdue(at))
