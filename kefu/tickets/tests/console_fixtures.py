"""Fixtures of the work order console tests (工单控制台测试): a small world of work orders in
every queue, and steps to move a complaint along."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, assign_ticket
from kefu.tickets.tests.conftest import open_ticket


def step(actor: Any, ticket: Ticket, code: str, fields: dict[str, object]) -> Ticket:
    return apply_transition(actor=actor, ticket=ticket, transition=code, fields=fields)


def forwarded_complaint(cast: Cast, customer: Customer, **extra: Any) -> Ticket:
    ticket = open_ticket(cast, customer, **extra)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    return step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实并处理",
            "reply_due_at": timezone.now() + dt.timedelta(days=1),
        },
    )


def due(ticket: Ticket, delta: dt.timedelta | None) -> Ticket:
    """Pin the work order's next deadline (the deadlines app computes it in real life)."""
    at = None if delta is None else timezone.now() + delta
    Ticket.objects.filter(pk=ticket.pk).update(next_due_at=at)
    ticket.refresh_from_db()
    return ticket


@pytest.fixture
def people(cast: Cast) -> dict[str, Customer]:
    return {
        "wang": create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"}),
        "li": create_customer(actor=cast.agent, data={"name": "李雷", "phone": "13900139001"}),
    }


@pytest.fixture
def world(cast: Cast, people: dict[str, Customer]) -> dict[str, Ticket]:
    """mine_soon / mine_late / mine_open: the agent's; colleague: the supervisor's (same team);
    forwarded: complaint sent to 工程部, unassigned; repair: dispatched to 物业公司, unassigned;
    closed: the agent's, closed."""
    wang, li = people["wang"], people["li"]
    hour = dt.timedelta(hours=1)

    def mine(title: str, type_code: str = "complaint", customer: Customer = wang) -> Ticket:
        ticket = open_ticket(cast, customer, type_code, title=title)
        return assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.agent, team=None)

    mine_soon = due(mine("空调不制冷"), 2 * hour)
    mine_late = due(mine("服务态度差"), -3 * hour)
    mine_open = mine("咨询会员卡", "consultation", li)
    colleague = open_ticket(cast, li, title="同事的投诉")
    colleague = due(
        assign_ticket(actor=cast.supervisor, ticket=colleague, assignee=cast.supervisor, team=None),
        hour,
    )
    forwarded = due(forwarded_complaint(cast, wang, title="热水器漏水"), 5 * hour)
    repair = open_ticket(cast, li, "repair", title="门锁坏了")
    repair = step(
        cast.agent,
        repair,
        "dispatch",
        {
            "partner": cast.property_company,
            "requested_action": "上门维修",
            "repair_due_at": timezone.now() + dt.timedelta(hours=8),
        },
    )
    closed = mine("已结案的投诉")
    Ticket.objects.filter(pk=closed.pk).update(state="archived", status_category="closed")
    return {
        "mine_soon": mine_soon,
        "mine_late": mine_late,
        "mine_open": mine_open,
        "colleague": colleague,
        "forwarded": forwarded,
        "repair": repair,
        "closed": closed,
    }


def numbers_on(body: str) -> list[str]:
    """Work order numbers of the queue rows, in page order."""
    import re

    return re.findall(r'data-testid="ticket-row" data-number="([^"]+)"', body)
