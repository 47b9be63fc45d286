"""Daily rollups equal a recount from the raw rows (每日汇总 = 原始数据重算)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from kefu.kpis.aggregate import (
    LocalDay,
    backlog_live,
    bucket_case,
    count_live,
    day_of_row,
    local_midnight,
    source_rows,
)
from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.periods import days
from kefu.kpis.rollup import rollup_days
from kefu.kpis.scope import EVERYTHING
from kefu.kpis.sources import COUNTERS, DIMENSIONS, TICKETS_CREATED
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


def test_a_rows_day_in_plain_sql_is_the_day_found_by_each_days_bounds(month, clock):
    spans = [(day, day + dt.timedelta(days=1)) for day in days(MONTH_START, MONTH_END)]
    rows = source_rows(
        TICKETS_CREATED, scope=EVERYTHING, start=MONTH_START, end=MONTH_END, at=clock.current
    )
    local_day = day_of_row(TICKETS_CREATED, MONTH_START, MONTH_END)
    assert isinstance(local_day, LocalDay)
    plain = dict(rows.annotate(d=local_day).values_list("pk", "d"))
    compared = dict(rows.annotate(d=bucket_case(TICKETS_CREATED, spans)).values_list("pk", "d"))
    assert len(plain) > 50
    assert plain == compared
    assert {day.day for day in plain.values()} >= {1, 15, 30}


def test_a_daylight_saving_change_inside_the_range_falls_back_to_comparisons():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        assert day_of_row(TICKETS_CREATED, dt.date(2026, 3, 1), dt.date(2026, 4, 1)) is None
        assert isinstance(
            day_of_row(TICKETS_CREATED, dt.date(2026, 4, 1), dt.date(2026, 5, 1)), LocalDay
        )
