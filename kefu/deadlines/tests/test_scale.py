"""Deadlines at a million work orders (百万工单下的时限): the watcher's per-minute query reads
open deadlines only, through a partial index; KPI ranges on due and met times use indexes; who
sees every work order reads deadlines without a subquery over the work orders."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection

from kefu.core.tests.plans import plan_of
from kefu.deadlines.models import Deadline
from kefu.deadlines.watcher import due_steps
from kefu.tickets.models import Ticket
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db


def _met_and_open(cast: Any, customer: Any) -> tuple[Deadline, Deadline]:
    ticket = open_ticket(cast, customer)
    deadlines = list(Deadline.objects.filter(ticket=ticket).order_by("id"))
    assert len(deadlines) >= 2
    met, running = deadlines[0], deadlines[1]
    Deadline.objects.filter(pk=met.pk).update(
        is_open=False, met_at=met.started_at + timedelta(minutes=5), next_check_at=None
    )
    return met, running


def test_the_watcher_reads_only_open_deadlines_through_the_partial_index(clock, cast, customer):
    met, running = _met_and_open(cast, customer)
    # A closed deadline with a stale check time is not the watcher's business.
    Deadline.objects.filter(pk=met.pk).update(next_check_at=clock.current - timedelta(hours=1))
    clock.advance(days=30)
    due = list(due_steps(clock.current))
    assert running.pk in [pk for pk, _stage in due]
    assert met.pk not in [pk for pk, _stage in due]
    sql, params = due_steps(clock.current).query.sql_with_params()
    plan = plan_of(sql, params)
    if connection.vendor == "postgresql":
        assert re.search(
            r"(Index (Only )?Scan using|Bitmap Index Scan on) deadlines_watch_open_idx", plan
        ), plan
    else:
        assert "USING INDEX deadlines_watch_open_idx (next_check_at<?)" in plan, plan
    assert "SCAN deadlines_deadline" not in plan, plan
    assert "Seq Scan" not in plan, plan


@pytest.mark.parametrize(
    ("field", "index"), [("due_at", "deadlines_due_idx"), ("met_at", "deadlines_met_idx")]
)
def test_kpi_ranges_on_due_and_met_times_use_their_indexes(clock, cast, customer, field, index):
    met, running = _met_and_open(cast, customer)
    start, end = clock.current - timedelta(days=1), clock.current + timedelta(days=30)
    qs = Deadline.objects.filter(**{f"{field}__gte": start, f"{field}__lt": end}).order_by()
    expected = {met.pk} | ({running.pk} if field == "due_at" else set())
    assert set(qs.values_list("pk", flat=True)) >= expected
    plan = plan_of(*qs.query.sql_with_params())
    if connection.vendor == "postgresql":
        assert re.search(rf"(Index (Only )?Scan using|Bitmap Index Scan on) {index}", plan), plan
    else:
        assert re.search(rf"USING (COVERING )?INDEX {index} \({field}>\? AND {field}<\?\)", plan), (
            plan
        )


def test_who_sees_every_work_order_reads_deadlines_without_a_subquery(clock, cast, customer):
    _met, running = _met_and_open(cast, customer)
    everyone = Deadline.objects.visible_to(cast.supervisor)
    assert "tickets_ticket" not in str(everyone.query)
    assert running in everyone
    # A handler still sees only the deadlines of work orders forwarded to his department.
    assert running not in Deadline.objects.visible_to(cast.handler)
    Ticket.objects.filter(pk=running.ticket_id).update(department=cast.engineering)
    assert running in Deadline.objects.visible_to(cast.handler)
    assert not Deadline.objects.visible_to(cast.other_partner).exists()
