"""Daily rollups equal a recount from the raw rows (每日汇总 = 原始数据重算)."""

from __future__ import annotations

import datetime as dt

import pytest

from kefu.kpis.aggregate import backlog_live, count_live, local_midnight
from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.periods import days
from kefu.kpis.rollup import rollup_days
from kefu.kpis.scope import EVERYTHING
from kefu.kpis.sources import COUNTERS, DIMENSIONS
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START
from kefu.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def _stored(dimension: str, day: dt.date) -> dict[str, dict[str, int]]:
    return {
        row.key: {name: getattr(row, name) for name in (*COUNTERS, "backlog")}
        for row in DailyRollup.objects.filter(dimension=dimension, day=day)
    }


def _recount(dimension: str | None, day: dt.date, at: dt.datetime) -> dict[str, dict[str, int]]:
    """One day counted on its own, straight from the rows, backlog by its definition."""
    counts = count_live(
        COUNTERS,
        scope=EVERYTHING,
        start=day,
        end=day + dt.timedelta(days=1),
        at=at,
        dimension=dimension,
    )
    backlog = backlog_live(
        scope=EVERYTHING, end=local_midnight(day + dt.timedelta(days=1)), dimension=dimension
    )
    keys = {key for key, _p in counts} | {key for key, n in backlog.items() if n}
    if dimension is None:
        keys.add("")
    recount = {}
    for key in keys:
        cell = {name: counts.get((key, None), {}).get(name, 0) for name in COUNTERS}
        cell["backlog"] = backlog.get(key, 0)
        recount[key] = cell
    return recount


def test_the_rollup_of_a_generated_month_equals_a_recount_from_the_raw_rows(month, clock):
    written = rollup_days(MONTH_START, MONTH_END)
    assert written > 30 * len(DIMENSIONS)
    for day in days(MONTH_START, MONTH_END):
        for dimension in (None, *DIMENSIONS):
            assert _stored(dimension or ALL, day) == _recount(dimension, day, clock.current), (
                day,
                dimension,
            )


def test_the_rollup_counts_the_rows_a_person_would_count_by_hand(month, clock):
    rollup_days(MONTH_START, MONTH_END)
    start, end = local_midnight(MONTH_START), local_midnight(MONTH_END)
    tickets = [t for t in Ticket.objects.all() if t.merged_into_id is None]
    by_hand = {
        "created": sum(start <= t.created_at < end for t in tickets),
        "resolved": sum(
            t.resolved_at is not None and start <= t.resolved_at < end for t in tickets
        ),
        "complaints": sum(
            start <= t.created_at < end and t.ticket_type.code == "complaint" for t in tickets
        ),
    }
    stored = DailyRollup.objects.filter(dimension=ALL)
    assert {name: sum(getattr(row, name) for row in stored) for name in by_hand} == by_hand
    assert by_hand["created"] > 50
    last = stored.get(day=MONTH_END - dt.timedelta(days=1))
    assert last.backlog == sum(
        t.created_at < end and (t.resolved_at is None or t.resolved_at >= end) for t in tickets
    )


def test_running_the_rollup_twice_writes_the_same_rows(month, clock):
    rollup_days(MONTH_START, MONTH_END)
    first = list(DailyRollup.objects.values_list("day", "dimension", "key", "created", "backlog"))
    rollup_days(MONTH_START, MONTH_END)
    again = list(DailyRollup.objects.values_list("day", "dimension", "key", "created", "backlog"))
    assert sorted(first) == sorted(again)
