"""Percentiles from minute histograms (分钟直方图分位数) equal the live ones, minute for minute."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from kefu.kpis.aggregate import local_midnight, nearest_rank, percentiles_live
from kefu.kpis.catalog import CATALOG
from kefu.kpis.histograms import at_ranks, histogram_live
from kefu.kpis.measures import CALENDAR_RESPONSE_MINUTES, MEASURES, WORKING_RESPONSE
from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.rollup import rollup_days
from kefu.kpis.scope import EVERYTHING
from kefu.kpis.service import kpi_table
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START
from kefu.tickets.models import Ticket

pytestmark = pytest.mark.django_db
PERCENT_CODES = [code for code, kpi in CATALOG.items() if kpi.percentile is not None]


def _half_up_minutes(elapsed: dt.timedelta) -> int:
    micro = (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds
    return int((Decimal(micro) / 60_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(st.lists(st.integers(min_value=-5, max_value=10_000), min_size=1, max_size=60))
def test_the_percentile_of_a_histogram_is_the_nearest_rank_of_its_values(values):
    ordered = sorted(values)
    found = at_ranks(Counter(values), [50, 90, 100])
    assert found == {p: ordered[nearest_rank(len(values), p) - 1] for p in (50, 90, 100)}


def test_an_empty_histogram_has_no_percentile():
    assert at_ranks(Counter(), [50, 90]) == {50: None, 90: None}


def test_the_database_rounds_a_response_to_the_minute_as_python_does(month):
    ticket = Ticket.objects.order_by("id").first()
    assert ticket is not None
    created = ticket.created_at.replace(microsecond=500_000)
    cases = [
        dt.timedelta(seconds=30),  # a tie rounds up
        dt.timedelta(seconds=29, microseconds=999_999),
        dt.timedelta(seconds=89, microseconds=500_001),
        dt.timedelta(minutes=7, seconds=29, microseconds=999_999),
        dt.timedelta(0),
        dt.timedelta(hours=30, seconds=30),
        dt.timedelta(seconds=-30),  # an answer stamped before the opening: away from zero
        dt.timedelta(seconds=-29, microseconds=-999_999),
    ]
    for elapsed in cases:
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=created, first_response_at=created + elapsed
        )
        found = (
            Ticket.objects.filter(pk=ticket.pk)
            .annotate(m=CALENDAR_RESPONSE_MINUTES.minutes)
            .values_list("m", flat=True)
            .get()
        )
        assert found == _half_up_minutes(elapsed), elapsed


def test_the_rollups_keep_each_days_minutes_as_the_rows_have_them(month, clock):
    rollup_days(MONTH_START, MONTH_END)
    start, end = local_midnight(MONTH_START), local_midnight(MONTH_END)
    by_hand: Counter[int] = Counter(
        _half_up_minutes(t.first_response_at - t.created_at)
        for t in Ticket.objects.filter(
            merged_into__isnull=True, first_response_at__gte=start, first_response_at__lt=end
        )
        if t.first_response_at is not None
    )
    stored: Counter[int] = Counter()
    for row in DailyRollup.objects.filter(dimension=ALL, key=""):
        for minutes, rows in row.histograms.get("fr_calendar", []):
            stored[minutes] += rows
    assert sum(by_hand.values()) > 20
    assert stored == by_hand


@pytest.mark.parametrize(
    ("group_by", "period"), [(None, None), ("team", None), ("channel", "week"), ("person", None)]
)
def test_a_rolled_up_month_gives_the_live_percentiles_without_reading_the_rows(
    month, cast, clock, group_by, period
):
    live = {
        measure.key: percentiles_live(
            measure.source,
            measure.minutes,
            (50, 90),
            scope=EVERYTHING,
            start=MONTH_START,
            end=MONTH_END,
            at=clock.current,
            dimension=group_by,
            period=period,
        )
        for measure in MEASURES
    }
    assert live[WORKING_RESPONSE.key][50]
    assert live[CALENDAR_RESPONSE_MINUTES.key][90]
    rollup_days(MONTH_START, MONTH_END)
    with CaptureQueriesContext(connection) as captured:
        rows = kpi_table(
            user=cast.manager,
            start=MONTH_START,
            end=MONTH_END,
            group_by=group_by,
            period=period,
            codes=PERCENT_CODES,
        )
    assert not [q for q in captured.captured_queries if '"tickets_ticket"' in q["sql"]]
    seen = 0
    for row in rows:
        for code in PERCENT_CODES:
            percentile = CATALOG[code].percentile
            assert percentile is not None
            expected = live[percentile.measure.key][percentile.percent].get(
                (row.group_key, row.period_start)
            )
            value = row.cells[code].value
            assert value == (None if expected is None else Decimal(expected)), (row, code)
            seen += value is not None
    assert seen >= 4


def test_a_month_still_running_adds_todays_rows_to_the_rolled_up_days(month, cast, clock):
    clock.set("2026-11-20T15:00:00")  # the month is open: the 20th is counted live
    today = dt.date(2026, 11, 20)
    rollup_days(MONTH_START, today)
    with CaptureQueriesContext(connection) as captured:
        rolled = kpi_table(
            user=cast.manager,
            start=MONTH_START,
            end=MONTH_END,
            group_by="team",
            codes=PERCENT_CODES,
        )
    assert any("kpis_dailyrollup" in q["sql"] for q in captured.captured_queries)
    DailyRollup.objects.all().delete()
    live = kpi_table(
        user=cast.manager, start=MONTH_START, end=MONTH_END, group_by="team", codes=PERCENT_CODES
    )
    assert [(r.group_key, {c: v.value for c, v in r.cells.items()}) for r in rolled] == [
        (r.group_key, {c: v.value for c, v in r.cells.items()}) for r in live
    ]
    todays = histogram_live(
        WORKING_RESPONSE,
        scope=EVERYTHING,
        start=today,
        end=MONTH_END,
        at=clock.current,
    )
    assert rolled
    assert sum(sum(h.values()) for h in todays.values()) > 0
