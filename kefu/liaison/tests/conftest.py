"""Fixtures of the contact order tests: a customer, the office calendar, a pinned clock and a
complaint walked to "forwarded"."""

from __future__ import annotations

import subprocess
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.sla.services import create_calendar
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, create_ticket

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Friday afternoon: 8 working hours on the office calendar end on Monday at the same time.
ISSUED = datetime(2026, 11, 27, 14, 0, tzinfo=SHANGHAI)
ACT_BY = datetime(2026, 11, 30, 14, 0, tzinfo=SHANGHAI)
DUE = datetime(2026, 12, 2, 17, 0, tzinfo=SHANGHAI)
OFFICE = {weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)}


def step(
    actor: Any, ticket: Ticket, transition: str, fields: dict[str, Any] | None = None
) -> Ticket:
    """One workflow step as the actor saw the work order."""
    return apply_transition(actor=actor, ticket=ticket, transition=transition, fields=fields or {})


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})


@pytest.fixture
def office(db: None) -> Any:
    return create_calendar(actor=None, code="office", name="办公时间", weekly_hours=OFFICE)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Contact orders are issued on Friday 2026-11-27 14:00 (Asia/Shanghai)."""
    monkeypatch.setattr("kefu.core.clock.now", lambda: ISSUED)
    return ISSUED


def open_complaint(cast: Cast, customer: Customer, **extra: Any) -> Ticket:
    return create_ticket(
        actor=cast.agent,
        type_code="complaint",
        customer=customer,
        channel="phone",
        title=extra.pop("title", "维修人员态度差"),
        description=extra.pop("description", "上门维修时态度生硬"),
        **extra,
    )


def forward(cast: Cast, ticket: Ticket, **fields: Any) -> Ticket:
    return step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实维修人员服务态度并回复",
            "reply_due_at": DUE,
            **fields,
        },
    )


@pytest.fixture
def forwarded(cast: Cast, customer: Customer, office: Any, pinned: datetime) -> Ticket:
    """A complaint classified and forwarded to 工程部 with a work contact order."""
    ticket = open_complaint(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    return forward(cast, ticket)


def pdf_text(content: bytes) -> str:
    """The text of a PDF, as ``pdftotext`` (poppler-utils) reads it."""
    assert content.startswith(b"%PDF")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")
