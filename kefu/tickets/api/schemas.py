"""Schemas of the work order API (工单接口数据): explicit fields, unknown fields refused, the
customer's phone masked on the way out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from django.utils.translation import get_language
from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from kefu.core.paging import MAX_PAGE_SIZE
from kefu.customers.presenters import masked_phone
from kefu.tickets.choices import CallbackOutcome, Channel, Priority, Satisfaction, Status
from kefu.tickets.models import Ticket
from kefu.tickets.workflow import Transition, Workflow

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
FieldValue = str | int | float | bool | list[str] | None


def is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


# --- output ---------------------------------------------------------------------------------


class DueOut(Schema):
    first_response_at: datetime | None = Field(
        description="First-response deadline; null once responded (or without a policy)."
    )
    resolve_at: datetime | None = Field(
        description="Resolution deadline; null once resolved or while the clock is paused."
    )
    next_at: datetime | None = Field(
        description="The earliest running deadline of any kind (incl. partner obligations)."
    )


class TicketCustomerOut(Schema):
    id: int
    name: str
    phone: str = Field(description="Masked, e.g. 138****5678.")


class TicketOut(Schema):
    number: str = Field(description="Business number, e.g. TS20261123-0007.")
    type: str
    state: str
    state_label: str = Field(description="The workflow state's label in the active language.")
    status_category: Status
    channel: Channel
    priority: Priority
    category: str
    title: str
    description: str
    customer: TicketCustomerOut
    assignee: str | None = Field(description="Username of the assignee.")
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    reopen_count: int
    due: DueOut = Field(
        description="Open deadlines from the SLA policy (null once met, or while paused)."
    )


class TicketPage(Schema):
    items: list[TicketOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class TransitionOut(Schema):
    code: str
    label: str
    target: str
    required_fields: list[str]


def ticket_out(
    ticket: Ticket, workflow: Workflow, dues: dict[str, datetime | None] | None = None
) -> dict[str, Any]:
    """The API's view of a work order. Needs type, customer and assignee loaded; ``dues`` are
    its open due times by deadline kind (``kefu.tickets.hooks.dues_for``)."""
    dues = dues or {}
    state = workflow.state(ticket.state)
    label = ticket.state
    if state is not None:
        label = state.label_zh if is_chinese() else state.label_en
    customer = ticket.customer
    return {
        "number": ticket.number,
        "type": ticket.ticket_type.code,
        "state": ticket.state,
        "state_label": label,
        "status_category": ticket.status_category,
        "channel": ticket.channel,
        "priority": ticket.priority,
        "category": ticket.category,
        "title": ticket.title,
        "description": ticket.description,
        "customer": {"id": customer.pk, "name": customer.name, "phone": masked_phone(customer)},
        "assignee": ticket.assignee.get_username() if ticket.assignee else None,
        "created_at": ticket.created_at,
        "first_response_at": ticket.first_response_at,
        "resolved_at": ticket.resolved_at,
        "closed_at": ticket.closed_at,
        "reopen_count": ticket.reopen_count,
        "due": {
            "first_response_at": dues.get("first_response"),
            "resolve_at": dues.get("resolve"),
            "next_at": ticket.next_due_at,
        },
    }


def transition_out(transition: Transition) -> dict[str, Any]:
    return {
        "code": transition.code,
        "label": transition.label_zh if is_chinese() else transition.label_en,
        "target": transition.target,
        "required_fields": list(transition.required_fields),
    }


# --- input ----------------------------------------------------------------------------------


class ContactIn(Schema):
    """A customer given by name and phone: matched by phone, or created."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]


class TicketIn(Schema):
    """A new work order. Give ``customer_id`` or ``customer``, not both. Unknown fields are
    refused (422)."""

    model_config = ConfigDict(extra="forbid")

    type: Code = Field(description="consultation, complaint, repair, after_sales, suggestion.")
    customer_id: int | None = Field(None, ge=1)
    customer: ContactIn | None = None
    channel: Channel
    category: str = Field("", max_length=100)
    priority: Priority = Priority.MEDIUM
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: str = Field("", max_length=10_000)


class TransitionIn(Schema):
    """One workflow step with its form fields. Unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    transition: Code
    fields: dict[str, FieldValue] = Field(default_factory=dict, max_length=50)
    expected_state: Code | None = Field(
        None,
        description="The state the caller saw; if the work order has moved since, 409.",
    )


class CallbackIn(Schema):
    """One callback on a work order waiting for it (登记回访)."""

    model_config = ConfigDict(extra="forbid")

    outcome: CallbackOutcome
    satisfaction: Satisfaction | None = None
    notes: str = Field("", max_length=2000)


class CallbackOut(Schema):
    at: datetime
    outcome: str
    satisfaction: str
    by: str | None


# --- query parameters ---------------------------------------------------------------------


class QueueKey(StrEnum):
    """The console's queues (工单队列), by key."""

    MINE = "mine"
    OVERDUE = "overdue"
    TEAM = "team"
    UNASSIGNED = "unassigned"
    WAITING = "waiting"
    DEPARTMENT = "department"
    ALL = "all"


class TicketFilters(Schema):
    q: str = Field(
        "",
        max_length=100,
        description=(
            "Search (检索): work orders whose title or description hold every two-character "
            "word of the text (Chinese) and every latin word or number, newest first; a work "
            "order number finds that work order. One-character Chinese text is refused (422)."
        ),
    )
    queue: QueueKey | None = Field(
        None,
        description=(
            "One of the caller's console queues, sorted by next deadline (none last), then id."
            " A queue the caller is not offered is refused (422). With ``q``: the queue's "
            "matches, newest first."
        ),
    )
    type: str = Field("", max_length=50)
    state: str = Field("", max_length=50)
    status_category: Status | None = None
    assignee: str = Field("", max_length=150, description="Username.")
    customer_id: int | None = Field(None, ge=1)
    channel: Channel | None = None
    priority: Priority | None = None
    tag: str = Field("", max_length=30, description="Work orders carrying this tag.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)
