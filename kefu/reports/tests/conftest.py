"""Fixtures of the report tests: a pinned clock and a month of service written through the
real services (work orders, steps, satisfaction at confirmation and callback)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kefu.callbacks.services.completing import complete_task
from kefu.callbacks.services.creating import create_task
from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, assign_ticket, create_ticket, record_callback

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOVEMBER = dt.date(2026, 11, 1)
DECEMBER = dt.date(2026, 12, 1)


class PinnedClock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def set(self, text: str) -> None:
        """Move Kefu's time to ``text``, local time in Shanghai (``2026-11-03 10:00``)."""
        self.current = dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def echarts_static(settings: Any) -> None:
    """Serve ECharts from node_modules like htmx and Alpine, until kefu/settings.py lists
    ``("vendor/echarts", NODE_MODULES / "echarts" / "dist")`` in STATICFILES_DIRS (asked of
    the lead); pages name static files unhashed meanwhile."""
    entry = ("vendor/echarts", settings.NODE_MODULES / "echarts" / "dist")
    if entry not in settings.STATICFILES_DIRS:
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, entry]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> PinnedClock:
    pinned = PinnedClock(dt.datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI))
    monkeypatch.setattr(timezone, "now", lambda: pinned.current)
    return pinned


def step(actor: Any, ticket: Ticket, code: str, fields: dict[str, Any] | None = None) -> Ticket:
    return apply_transition(actor=actor, ticket=ticket, transition=code, fields=fields or {})


@dataclass
class ServedMonth:
    customers: list[Customer]
    complaints: list[Ticket] = field(default_factory=list)
    consultations: list[Ticket] = field(default_factory=list)
    open_tickets: list[Ticket] = field(default_factory=list)


def complaint(
    cast: Cast,
    customer: Customer,
    *,
    category: str,
    satisfaction: str | None,
    department: Any = None,
    callback: str | None = None,
) -> Ticket:
    """A phone complaint classified, forwarded, answered, replied and (when ``satisfaction``
    is given) confirmed; with ``callback`` a reached callback with that satisfaction."""
    ticket = create_ticket(
        actor=cast.agent,
        type_code="complaint",
        customer=customer,
        channel="phone",
        title=f"{category}投诉",
    )
    ticket = assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.agent, team=None)
    ticket = step(cast.agent, ticket, "classify", {"category": category})
    ticket = step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": department or cast.engineering,
            "requested_action": "核实",
            "reply_due_at": timezone.now() + dt.timedelta(days=3),
        },
    )
    if satisfaction is None:
        return ticket
    ticket = step(cast.handler, ticket, "start_investigation")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "原因", "solution": "方案"})
    ticket = step(cast.agent, ticket, "reply", {"reply": "已处理"})
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": satisfaction})
    if callback:
        record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction=callback)
    return ticket


def consultation(
    cast: Cast, customer: Customer, *, channel: str, satisfaction: str | None
) -> Ticket:
    """A consultation answered; satisfied closes it, otherwise it goes back to answering."""
    ticket = create_ticket(
        actor=cast.agent,
        type_code="consultation",
        customer=customer,
        channel=channel,
        title="咨询营业时间",
    )
    if channel == "wechat":
        ticket = assign_ticket(
            actor=cast.supervisor, ticket=ticket, assignee=cast.supervisor, team=None
        )
    if satisfaction is None:
        return ticket
    ticket = step(cast.agent, ticket, "answer", {"reply": "每天 9:00–21:00"})
    code = (
        "confirm_satisfied"
        if satisfaction in ("satisfied", "very_satisfied")
        else "still_questions"
    )
    return step(cast.agent, ticket, code, {"satisfaction": satisfaction})


@pytest.fixture
def served_month(cast: Cast, clock: PinnedClock) -> ServedMonth:
    """October: two consultations (one satisfied). November: four complaints (two categories,
    one dissatisfied at confirmation, one still open), five consultations by phone and
    WeChat (one dissatisfied), and work orders left open; the clock ends at 25 November
    10:00 with some of them overdue."""
    clock.set("2026-10-12 10:00")
    customers = [
        create_customer(actor=cast.agent, data={"name": name, "phone": phone})
        for name, phone in (
            ("王芳", "13800138000"),
            ("李秀英", "13912345678"),
            ("张伟", "13700001111"),
        )
    ]
    month = ServedMonth(customers)
    consultation(cast, customers[0], channel="phone", satisfaction="satisfied")
    consultation(cast, customers[1], channel="phone", satisfaction="dissatisfied")

    clock.set("2026-11-03 10:00")
    month.complaints.append(
        complaint(
            cast,
            customers[0],
            category="服务态度",
            satisfaction="satisfied",
            callback="very_satisfied",
        )
    )
    clock.set("2026-11-05 14:00")
    month.complaints.append(
        complaint(cast, customers[1], category="产品质量", satisfaction="satisfied")
    )
    clock.set("2026-11-06 11:00")
    month.complaints.append(
        complaint(
            cast,
            customers[2],
            category="产品质量",
            satisfaction="satisfied",
            callback="dissatisfied",
        )
    )
    clock.set("2026-11-10 09:30")
    month.complaints.append(
        complaint(
            cast,
            customers[2],
            category="服务态度",
            satisfaction=None,
            department=cast.property_company,
        )
    )
    for day, channel, level in (
        ("2026-11-11 10:00", "phone", "very_satisfied"),
        ("2026-11-12 10:00", "wechat", "satisfied"),
        ("2026-11-13 15:00", "wechat", "neutral"),
        ("2026-11-16 10:00", "phone", "satisfied"),
        ("2026-11-17 10:00", "phone", None),
    ):
        clock.set(day)
        month.consultations.append(
            consultation(cast, customers[0], channel=channel, satisfaction=level)
        )
    clock.set("2026-11-20 10:00")
    month.open_tickets.append(consultation(cast, customers[1], channel="email", satisfaction=None))
    clock.set("2026-11-25 09:50")
    month.open_tickets.append(consultation(cast, customers[1], channel="phone", satisfaction=None))
    # Three callbacks due today, one of them already done.
    tasks = [
        create_task(
            actor=cast.supervisor,
            customer=customer,
            due_on=dt.date(2026, 11, 25),
            dedupe_key=f"reports-test-{customer.pk}",
            assignee=cast.agent,
        )[0]
        for customer in customers
    ]
    complete_task(actor=cast.agent, task=tasks[0], outcome="reached", notes="已回访")
    clock.set("2026-11-25 10:00")
    return month
