"""SLA deadlines follow the work order: the office calendar, pausing, reopening, API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kefu.deadlines.models import Deadline
from kefu.deadlines.services import start_deadline, stop_deadlines
from kefu.deadlines.tests.conftest import at
from kefu.sla.models import SlaPolicy
from kefu.sla.services import create_calendar, load_official_year
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, record_callback
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_complaints(db):
    from datetime import time

    hours = {day: [(time(9), time(12)), (time(13), time(18))] for day in range(5)}
    office = create_calendar(actor=None, code="office", name="办公时间", weekly_hours=hours)
    load_official_year(actor=None, calendar=office, year=2026)
    SlaPolicy.objects.filter(ticket_type="complaint", priority="").update(calendar=office)
    return office


def deadlines(ticket):
    return {d.kind: d for d in Deadline.objects.filter(ticket=ticket, is_open=True)}


def test_a_complaint_before_national_day_is_due_after_the_holiday(clock, office_complaints, cast,
                                                                  customer):  # fmt: skip
    ticket = open_ticket(cast, customer)  # Wed 30 Sep 17:30; 1–7 Oct are holidays
    due = deadlines(ticket)
    # First response in 60 working minutes: 30 today, 30 on Thursday 8 October.
    assert due["first_response"].due_at == at("2026-10-08T09:30")
    # 48 minutes (80 %) for the warning: 30 today, 18 on 8 October.
    assert due["first_response"].warn_at == at("2026-10-08T09:18")
    # Resolve in 1,440 working minutes = 24 h: 0.5 + 8 + 8 + 7.5 → Saturday 10 Oct, a 调休 day.
    assert due["resolve"].due_at == at("2026-10-10T17:30")
    assert Ticket.objects.get(pk=ticket.pk).next_due_at == at("2026-10-08T09:30")


def test_the_first_step_meets_the_first_response(clock, cast, customer):
    ticket = open_ticket(cast, customer)
    clock.advance(minutes=20)
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="classify", fields={"category": "服务态度"}
    )
    first = Deadline.objects.get(ticket=ticket, kind="first_response")
    assert (first.is_open, first.met_at) == (False, clock.current)
    assert ticket.next_due_at == deadlines(ticket)["resolve"].due_at


def test_waiting_on_the_customer_stops_the_resolution_clock(clock, cast, customer):
    # After-sales: the default policy, around the clock: resolve within 4,320 minutes.
    ticket = open_ticket(cast, customer, "after_sales", title="电视屏幕有坏点")
    start = clock.current
    assert deadlines(ticket)["resolve"].due_at == start + timedelta(minutes=4320)
    clock.advance(hours=1)
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="request_photos",
        fields={"claim_reason": "质量问题"},
    )  # fmt: skip
    paused = deadlines(ticket)["resolve"]
    assert (paused.running_since, paused.due_at, paused.spent_minutes) == (None, None, 60)
    assert ticket.next_due_at is None  # nothing runs while the customer takes photos
    clock.advance(hours=10)
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="receive_photos",
        fields={"photo_evidence": "照片3张"},
    )  # fmt: skip
    resumed = deadlines(ticket)["resolve"]
    assert resumed.due_at == start + timedelta(minutes=4320) + timedelta(hours=10)
    assert ticket.next_due_at == resumed.due_at


def test_reopening_starts_a_new_resolution_deadline(clock, cast, customer):
    ticket = open_ticket(cast, customer)
    steps = [
        (cast.agent, "classify", {"category": "服务态度"}),
        (cast.agent, "forward", {"responsible_department": cast.engineering,
                                 "requested_action": "核实", "reply_due_at": "2026-10-09T12:00"}),
        (cast.handler, "start_investigation", {}),
        (cast.handler, "submit_findings", {"cause": "c", "solution": "s"}),
        (cast.agent, "reply", {"reply": "r"}),
        (cast.agent, "confirm_satisfied", {"satisfaction": "satisfied"}),
    ]  # fmt: skip
    for actor, move, fields in steps:
        clock.advance(minutes=10)
        ticket = apply_transition(actor=actor, ticket=ticket, transition=move, fields=fields)
    assert "resolve" not in deadlines(ticket)  # met on resolution
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    ticket = apply_transition(actor=cast.agent, ticket=ticket, transition="archive", fields={})
    clock.advance(days=2)
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="reopen", fields={"reopen_reason": "复发"}
    )
    again = deadlines(ticket)["resolve"]
    assert again.ref == "r1"
    assert again.due_at == clock.current + timedelta(minutes=1440)
    resolves = Deadline.objects.filter(ticket=ticket, kind="resolve")
    assert resolves.count() == 2


def test_fixed_deadlines_replace_and_stop_by_reference(clock, cast, customer):
    ticket = open_ticket(cast, customer)
    first = start_deadline(
        ticket=ticket, kind="contact_reply", due_at=clock.current + timedelta(hours=10), ref="LX1"
    )
    assert first.warn_at == clock.current + timedelta(hours=8)
    start_deadline(
        ticket=ticket, kind="contact_reply", due_at=clock.current + timedelta(minutes=30),
        ref="LX1",
    )  # fmt: skip
    assert Deadline.objects.filter(ticket=ticket, kind="contact_reply", is_open=True).count() == 1
    assert Ticket.objects.get(pk=ticket.pk).next_due_at == clock.current + timedelta(minutes=30)
    assert stop_deadlines(ticket=ticket, kinds=["contact_reply"], ref="LX1") == 1
    assert (
        Ticket.objects.get(pk=ticket.pk).next_due_at == deadlines(ticket)["first_response"].due_at
    )


def test_no_policy_means_no_deadline(clock, cast, customer):
    SlaPolicy.objects.update(is_active=False)
    ticket = open_ticket(cast, customer)
    assert not Deadline.objects.filter(ticket=ticket).exists()
    assert ticket.next_due_at is None


def test_met_deadlines_keep_the_working_minutes_they_took(clock, office_complaints, cast,
                                                          customer):  # fmt: skip
    ticket = open_ticket(cast, customer)  # Wed 30 Sep 17:30, before the National Day holidays
    clock.set("2026-10-08T10:00")  # 30 minutes on 30 Sep + 60 on 8 Oct
    apply_transition(
        actor=cast.agent, ticket=ticket, transition="classify", fields={"category": "服务态度"}
    )
    first = Deadline.objects.get(ticket=ticket, kind="first_response")
    assert (first.met_at, first.used_minutes) == (clock.current, 90)
    resolve = Deadline.objects.get(ticket=ticket, kind="resolve")
    assert resolve.used_minutes is None  # still running


def test_paused_time_is_not_counted_as_used(clock, cast, customer):
    ticket = open_ticket(cast, customer, "after_sales", title="电视屏幕有坏点")
    clock.advance(hours=1)
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="request_photos",
        fields={"claim_reason": "质量问题"},
    )  # fmt: skip
    clock.advance(hours=10)  # the customer takes photos: the clock stands still
    ticket = apply_transition(
        actor=cast.agent, ticket=ticket, transition="receive_photos",
        fields={"photo_evidence": "照片3张"},
    )  # fmt: skip
    clock.advance(minutes=30)
    apply_transition(
        actor=cast.manager, ticket=ticket, transition="reject", fields={"reject_reason": "人为损坏"}
    )
    resolve = Deadline.objects.get(ticket=ticket, kind="resolve")
    assert resolve.used_minutes == 90
