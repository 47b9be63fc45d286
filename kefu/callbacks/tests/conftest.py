"""Fixtures of the callback tests: customers, work orders walked to their callback, a pinned
clock and an API caller."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, create_ticket

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Wednesday 25 November 2026, 09:00 in Shanghai.
WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)


def step(
    actor: Any, ticket: Ticket, transition: str, fields: dict[str, Any] | None = None
) -> Ticket:
    return apply_transition(actor=actor, ticket=ticket, transition=transition, fields=fields or {})


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Pin the clock; ``pinned.to(datetime)`` moves it."""

    class Clock:
        at = WEDNESDAY

        def to(self, at: datetime) -> None:
            self.at = at

        def day(self) -> date:
            return self.at.date()

    clock = Clock()
    monkeypatch.setattr("kefu.core.clock.now", lambda: clock.at)
    return clock


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})


def make_customer(cast: Cast, name: str, phone: str, **data: Any) -> Customer:
    """A customer created by the agent; ``grade`` (kept by hand) and ``owner`` set directly."""
    columns: dict[str, Any] = {key: data.pop(key) for key in ("grade", "owner") if key in data}
    customer = create_customer(actor=cast.agent, data={"name": name, "phone": phone, **data})
    if "grade" in columns:
        columns["grade_is_manual"] = True
    if columns:
        Customer.objects.filter(pk=customer.pk).update(**columns)
        customer.refresh_from_db()
    return customer


def open_complaint(cast: Cast, customer: Customer, actor: Any = None) -> Ticket:
    return create_ticket(
        actor=actor or cast.agent,
        type_code="complaint",
        customer=customer,
        channel="phone",
        title="维修人员态度差",
    )


def awaiting_callback(cast: Cast, customer: Customer, actor: Any = None) -> Ticket:
    """A complaint walked to 待回访 (the customer confirmed satisfied)."""
    agent = actor or cast.agent
    ticket = open_complaint(cast, customer, agent)
    ticket = step(agent, ticket, "classify", {"category": "服务态度"})
    ticket = step(
        agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实",
            "reply_due_at": ticket.created_at + timedelta(days=3),
        },
    )
    ticket = step(cast.handler, ticket, "start_investigation")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c", "solution": "s"})
    ticket = step(agent, ticket, "reply", {"reply": "已致歉"})
    return step(agent, ticket, "confirm_satisfied", {"satisfaction": "satisfied"})


class Api:
    URL = "/api/v1/callbacks"

    def __init__(self, client: Any, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}

    def get(self, path: str = "", **params: Any) -> Any:
        return self.client.get(self.URL + path, params, headers=self.headers)

    def post(self, path: str = "", body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            self.URL + path, body or {}, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(client: Any, cast: Cast) -> Any:
    return lambda role: Api(client, cast.token(role))
