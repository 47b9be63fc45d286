"""Work orders on the customer timeline (客户时间线中的工单): one entry per work order.

Registered in ``TicketsConfig.ready``. Reads through ``visible_to``, so a department handler
sees on a customer's page only the work orders forwarded to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import get_language

from kefu.customers.models import Customer
from kefu.customers.timeline import TimelineEntry, source_limit
from kefu.tickets.models import Ticket
from kefu.tickets.number_urls import NumberUrl
from kefu.tickets.workflow_book import WorkflowBook


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def ticket_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """The customer's work orders the user may see: number, type, state, created."""
    tickets = list(
        Ticket.objects.visible_to(user)
        .filter(customer=customer)
        .select_related("ticket_type", "workflow_version")
        .only(  # the definition is read once per version below, not per row
            "number",
            "state",
            "title",
            "created_at",
            "ticket_type__name_zh",
            "ticket_type__name_en",
            "workflow_version__published_at",
        )
        .order_by("-id")[: source_limit()]
    )
    url_of = NumberUrl()
    workflow = WorkflowBook().load(t.workflow_version for t in tickets)
    zh = _chinese()
    for ticket in tickets:
        state = workflow(ticket.workflow_version).state(ticket.state)
        state_label = (state.label_zh if zh else state.label_en) if state else ticket.state
        kind = ticket.ticket_type.name_zh if zh else ticket.ticket_type.name_en
        yield TimelineEntry(
            at=ticket.created_at,
            kind="ticket",
            title=f"{kind} {ticket.number} · {state_label}",
            detail=ticket.title,
            url=url_of(ticket.number),
        )
