"""Daily rollups (每日汇总): recount days from the raw rows and read periods back from them.

``rollup_days`` recounts every counter of [start, end) per day for the totals and every
dimension with one GROUP BY query per source and dimension (and one per measure for the minute
histograms, ``kefu.kpis.histograms``), and replaces those days' rows in one transaction
(running it again gives the same rows). Backlog per day follows from the
backlog at the range's start and each day's opened minus resolved work orders (a work order
is resolved after it is opened, and ``resolved_at`` is its last resolution).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import models, transaction
from django.db.models.functions import Trunc

from kefu.core.clock import now
from kefu.kpis.aggregate import CASE_BUCKETS, Counts, backlog_live, count_live, local_midnight
from kefu.kpis.histograms import encode, histogram_live
from kefu.kpis.measures import MEASURES
from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.periods import days
from kefu.kpis.scope import EVERYTHING
from kefu.kpis.sources import BACKLOG, COUNTERS, DIMENSIONS


def _rows_for(
    dimension: str | None, start: dt.date, end: dt.date, at: dt.datetime
) -> list[DailyRollup]:
    counts = count_live(
        COUNTERS, scope=EVERYTHING, start=start, end=end, at=at, dimension=dimension, period="day"
    )
    backlog = defaultdict(
        int, backlog_live(scope=EVERYTHING, end=local_midnight(start), dimension=dimension)
    )
    by_day: dict[dt.date, dict[str, dict[str, int]]] = defaultdict(dict)
    for (key, day), cell in counts.items():
        assert day is not None
        by_day[day][key] = cell
    histograms: dict[tuple[str, dt.date | None], dict[str, list[list[int]]]] = defaultdict(dict)
    for measure in MEASURES:
        found = histogram_live(
            measure,
            scope=EVERYTHING,
            start=start,
            end=end,
            at=at,
            dimension=dimension,
            period="day",
        )
        for group, histogram in found.items():
            histograms[group][measure.key] = encode(histogram)
    rows = []
    for day in days(start, end):
        cells = by_day.get(day, {})
        keys = set(cells) | {key for key, value in backlog.items() if value}
        keys |= {key for key, bucket in histograms if bucket == day}
        if dimension is None:
            keys.add("")
        for key in sorted(keys):
            cell = cells.get(key, {})
            backlog[key] += cell.get("created", 0) - cell.get("resolved", 0)
            rows.append(
                DailyRollup(
                    day=day,
                    dimension=dimension or ALL,
                    key=key,
                    computed_at=at,
                    backlog=max(backlog[key], 0),
                    histograms=histograms.get((key, day), {}),
                    **{name: cell.get(name, 0) for name in COUNTERS},
                )
            )
    return rows


def rollup_days(start: dt.date, end: dt.date, *, at: dt.datetime | None = None) -> int:
    """Recount the daily rollups of [start, end) (按日汇总) and replace them; returns the
    number of rows written. A long range is recounted in windows of ``CASE_BUCKETS`` days,
    each replaced in its own transaction: within a window a row's day is found by comparisons
    in SQL, where a longer range would truncate every row in the business time zone."""
    at = at or now()
    written = 0
    while start < end:
        window_end = min(start + dt.timedelta(days=CASE_BUCKETS), end)
        written += _rollup_window(start, window_end, at)
        start = window_end
    return written


def _rollup_window(start: dt.date, end: dt.date, at: dt.datetime) -> int:
    rows: list[DailyRollup] = []
    for dimension in (None, *DIMENSIONS):
        rows.extend(_rows_for(dimension, start, end, at))
    with transaction.atomic():
        DailyRollup.objects.filter(day__gte=start, day__lt=end).delete()
        DailyRollup.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def covered(start: dt.date, end: dt.date) -> bool:
    """Whether every day of [start, end) has been rolled up (has its ``all`` row)."""
    if start >= end:
        return True
    have = DailyRollup.objects.filter(dimension=ALL, key="", day__gte=start, day__lt=end).count()
    return have == (end - start).days


def read_counts(
    counters: set[str],
    *,
    start: dt.date,
    end: dt.date,
    dimension: str | None,
    period: str | None,
) -> Counts:
    """The counters of [start, end) summed from the rollups, per key and period bucket."""
    result: Counts = defaultdict(dict)
    names = sorted(counters - {BACKLOG})
    if start >= end or not names:
        return result
    qs: Any = DailyRollup.objects.filter(dimension=dimension or ALL, day__gte=start, day__lt=end)
    groups = ["key"]
    if period:
        qs = qs.annotate(_p=Trunc("day", period, output_field=models.DateField()))
        groups.append("_p")
    for row in qs.values(*groups).order_by().annotate(**{n: models.Sum(n) for n in names}):
        result[(row["key"], row.get("_p"))] = {n: int(row[n] or 0) for n in names}
    return result


def read_backlog(day: dt.date, dimension: str | None) -> dict[str, int]:
    """Backlog at the end of ``day`` by key, from the rollups."""
    rows = DailyRollup.objects.filter(dimension=dimension or ALL, day=day).values_list(
        "key", BACKLOG
    )
    return {key: int(value) for key, value in rows}
