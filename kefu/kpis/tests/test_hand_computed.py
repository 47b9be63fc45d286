"""Every KPI of a small month counted by hand (手算指标): what counts, what does not.

November 2026; the clock stands at 20 December. Work orders:
T1 complaint   created 11-02 10:00, first response 10:30, resolved 11-03, not forwarded
T2 complaint   created 11-05 09:00, first response 11:00, still open, forwarded to 工程部
T3 consultation created 11-10 08:00, first response 08:10, resolved 11-10 09:00, reopened once
T4 repair      created 10-28, resolved 11-02 (resolved in the month, opened before it)
T5 complaint   created 12-01 00:00 (after the month)
T6 complaint   created 11-06, merged into T1 (never counted)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from kefu.callbacks.models import CallbackStatus, CallbackTask
from kefu.customers.services import create_customer
from kefu.deadlines.models import Deadline
from kefu.kpis.rollup import rollup_days
from kefu.kpis.service import kpi_table
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START
from kefu.kpis.tests.world import SHANGHAI
from kefu.liaison.models import ContactOrder
from kefu.quality.models import ServiceError
from kefu.tickets.models import SatisfactionRecord, Ticket, TicketType, WorkflowVersion

pytestmark = pytest.mark.django_db


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class Small:
    def __init__(self, cast: Any) -> None:
        self.cast = cast
        self.customer = create_customer(
            actor=cast.agent, data={"name": "李雷", "phone": "13900139000"}
        )
        self.n = 0

    def ticket(self, type_code: str, created: str, **fields: Any) -> Ticket:
        self.n += 1
        ticket_type = TicketType.objects.get(code=type_code)
        defaults: dict[str, Any] = {
            "status_category": "resolved" if fields.get("resolved_at") else "open"
        }
        defaults.update(fields)
        return Ticket.objects.create(
            number=f"T{self.n}",
            ticket_type=ticket_type,
            workflow_version=WorkflowVersion.objects.filter(ticket_type=ticket_type).earliest("id"),
            state=defaults["status_category"],
            channel="phone",
            customer=self.customer,
            title=f"T{self.n}",
            created_at=at(created),
            updated_at=at(created),
            assignee=self.cast.agent,
            team=self.cast.call_center,
            **defaults,
        )

    def deadline(self, ticket: Ticket, kind: str, due: str, met: str | None, **more: Any) -> None:
        Deadline.objects.create(
            ticket=ticket,
            kind=kind,
            started_at=ticket.created_at,
            due_at=at(due),
            met_at=at(met) if met else None,
            is_open=met is None,
            **more,
        )


@pytest.fixture
def small(cast, clock) -> Small:
    s = Small(cast)
    t1 = s.ticket(
        "complaint",
        "2026-11-02T10:00",
        first_response_at=at("2026-11-02T10:30"),
        resolved_at=at("2026-11-03T15:00"),
    )
    t2 = s.ticket(
        "complaint",
        "2026-11-05T09:00",
        first_response_at=at("2026-11-05T11:00"),
        department=cast.engineering,
    )
    t3 = s.ticket(
        "consultation",
        "2026-11-10T08:00",
        first_response_at=at("2026-11-10T08:10"),
        resolved_at=at("2026-11-10T09:00"),
        reopen_count=1,
    )
    t4 = s.ticket(
        "repair",
        "2026-10-28T08:00",
        first_response_at=at("2026-10-28T09:00"),
        resolved_at=at("2026-11-02T12:00"),
    )
    s.ticket("complaint", "2026-12-01T00:00")
    s.ticket(
        "complaint",
        "2026-11-06T10:00",
        merged_into=t1,
        status_category="closed",
        resolved_at=at("2026-11-06T10:05"),
        first_response_at=at("2026-11-06T10:01"),
    )
    # First responses in working minutes: 30, 60, 10 (met on time).
    s.deadline(t1, "first_response", "2026-11-02T14:00", "2026-11-02T10:30", used_minutes=30)
    s.deadline(t2, "first_response", "2026-11-05T13:00", "2026-11-05T11:00", used_minutes=60)
    s.deadline(t3, "first_response", "2026-11-10T12:00", "2026-11-10T08:10", used_minutes=10)
    # Resolution: T1 on time; T2 past due and still open; T3 met late; T4 due after the month.
    s.deadline(t1, "resolve", "2026-11-04T10:00", "2026-11-03T15:00", used_minutes=500)
    s.deadline(t2, "resolve", "2026-11-20T10:00", None)
    s.deadline(
        t3,
        "resolve",
        "2026-11-10T08:30",
        "2026-11-10T09:00",
        used_minutes=60,
        breached_at=at("2026-11-10T08:30"),
    )
    s.deadline(t4, "resolve", "2026-12-05T10:00", "2026-11-02T12:00", used_minutes=900)
    s.deadline(t2, "contact_reply", "2026-11-08T10:00", None)  # a partner obligation: not SLA
    for level, when in (
        ("very_satisfied", "2026-11-03T16:00"),
        ("satisfied", "2026-11-11T10:00"),
        ("neutral", "2026-11-12T10:00"),
        ("dissatisfied", "2026-11-30T23:59"),
        ("very_satisfied", "2026-12-01T00:00"),
    ):
        SatisfactionRecord.objects.create(
            customer=s.customer, ticket=t1, level=level, source="callback", at=at(when)
        )
    callbacks: tuple[tuple[str, str], ...] = (
        ("2026-11-04", CallbackStatus.DONE),
        ("2026-11-05", CallbackStatus.OPEN),
        ("2026-11-06", CallbackStatus.CANCELLED),
        ("2026-11-30", CallbackStatus.DONE),
        ("2026-10-31", CallbackStatus.DONE),
    )
    for i, (due, status) in enumerate(callbacks):
        CallbackTask.objects.create(
            customer=s.customer,
            ticket=t1,
            reason="ticket",
            due_on=dt.date.fromisoformat(due),
            status=status,
            assignee=cast.agent,
            dedupe_key=f"k{i}",
            created_at=at("2026-11-01T09:00"),
        )
    for day in ("2026-11-03", "2026-11-30", "2026-10-31"):
        ServiceError.objects.create(
            occurred_on=dt.date.fromisoformat(day),
            ticket=t1,
            error_type="attitude",
            severity="minor",
            description="态度",
            registered_by=cast.qa,
            registered_at=at("2026-12-01T09:00"),
        )
    for i, (reply_by, status, answered) in enumerate(
        (
            ("2026-11-10T10:00", "answered", "2026-11-09T10:00"),
            ("2026-11-12T10:00", "answered", "2026-11-13T10:00"),
            ("2026-11-14T10:00", "cancelled", None),
            ("2026-11-16T10:00", "sent", None),
        )
    ):
        ContactOrder.objects.create(
            number=f"LX{i}",
            ticket=t2,
            addressed_to=cast.engineering,
            issued_at=at("2026-11-05T12:00"),
            requested_action="查",
            act_by=at("2026-11-05T20:00"),
            reply_by=at(reply_by),
            status=status,
            answered_at=at(answered) if answered else None,
        )
    return s


EXPECTED = {
    "volume": (Decimal(3), 3, None),
    "complaint_rate": (Decimal("66.7"), 2, 3),
    "complaint_resolution_rate": (Decimal("50.0"), 1, 2),
    "reopen_rate": (Decimal("33.3"), 1, 3),
    "first_contact_resolution": (Decimal("66.7"), 2, 3),
    "first_response_calendar_mean": (Decimal("53.3"), 160, 3),
    "first_response_calendar_median": (Decimal("30.0"), None, 3),
    "first_response_calendar_p90": (Decimal("120.0"), None, 3),
    "first_response_mean": (Decimal("33.3"), 100, 3),
    "first_response_median": (Decimal("30.0"), None, 3),
    "first_response_p90": (Decimal("60.0"), None, 3),
    "backlog": (Decimal(1), 1, None),
    "sla_compliance": (Decimal("66.7"), 4, 6),
    "satisfaction_rate": (Decimal("50.0"), 2, 4),
    "callback_completion": (Decimal("66.7"), 2, 3),
    "service_error_rate": (Decimal("66.7"), 2, 3),
    "partner_timeliness": (Decimal("33.3"), 1, 3),
}


def _figures(rows) -> dict[str, tuple[Decimal | None, int | None, int | None]]:
    (row,) = rows
    return {code: (c.value, c.numerator, c.denominator) for code, c in row.cells.items()}


def test_every_kpi_of_the_small_month_matches_the_hand_count(small, cast):
    rows = kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END)
    assert _figures(rows) == EXPECTED


def test_the_rollups_give_the_same_hand_count(small, cast):
    rollup_days(dt.date(2026, 10, 1), dt.date(2026, 12, 20))
    rows = kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END)
    assert _figures(rows) == EXPECTED


def test_grouped_by_type_each_group_counts_its_own_work_orders(small, cast):
    rollup_days(dt.date(2026, 10, 1), dt.date(2026, 12, 20))
    with translation.override("zh-hans"):  # labels follow the active language
        rows = {
            r.group_key: r
            for r in kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END, group_by="type")
        }
    assert rows["complaint"].group_label == "投诉"
    assert rows["complaint"].cells["volume"].numerator == 2
    assert rows["complaint"].cells["backlog"].numerator == 1
    assert rows["consultation"].cells["reopen_rate"].display == "100.0%"
    assert rows["repair"].cells["volume"].display == "0"
    assert rows["repair"].cells["first_contact_resolution"].value == Decimal("100.0")
    assert rows["repair"].cells["complaint_rate"].display == "—"


def test_by_week_the_weeks_add_up_to_the_month(small, cast):
    rows = kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END, period="week")
    assert [r.period_start for r in rows][:2] == [dt.date(2026, 10, 26), dt.date(2026, 11, 2)]
    assert sum(r.cells["volume"].numerator or 0 for r in rows) == 3
    assert sum(r.cells["satisfaction_rate"].denominator or 0 for r in rows) == 4
    # Backlog is at each week's end: T2 stays open from 5 November on.
    assert rows[0].cells["backlog"].numerator == 1  # T4, opened 28 October, open on 1 November
    assert rows[-1].cells["backlog"].numerator == 1


def test_an_empty_month_shows_dashes_and_zero_counts(cast, clock):
    (row,) = kpi_table(user=cast.manager, start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1))
    assert row.cells["satisfaction_rate"].display == "—"
    assert row.cells["first_response_p90"].display == "—"
    assert row.cells["volume"].display == "0"
