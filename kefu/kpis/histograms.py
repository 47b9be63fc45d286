"""Minute histograms (分钟直方图): how many rows took each whole number of minutes.

The percentiles of a rolled-up period come from histograms: the daily rollups keep one per
measure, day and group key (``DailyRollup.histograms``, ``{measure: [[minutes, rows], …]}``);
the days still open are counted live by one GROUP BY per measure. Summing the histograms of a
period and walking them in order gives the exact nearest-rank percentile of its rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from kefu.kpis.aggregate import GroupKey, grouped, nearest_rank, row_key, source_rows
from kefu.kpis.measures import Measure
from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.periods import buckets
from kefu.kpis.scope import KpiScope

Histograms = dict[GroupKey, Counter[int]]


def histogram_live(
    measure: Measure,
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str | None = None,
    period: str | None = None,
) -> Histograms:
    """The rows of [start, end) per group, period bucket and whole minutes, from the raw
    rows in one GROUP BY."""
    result: Histograms = {}
    if start >= end:
        return result
    qs = source_rows(measure.source, scope=scope, start=start, end=end, at=at)
    qs = qs.annotate(_m=measure.minutes).filter(_m__isnull=False)
    qs, names, stamp = grouped(qs, measure.source, dimension, period, start=start, end=end)
    for row in qs.values(*names, "_m").order_by().annotate(_rows=models.Count("pk")):
        result.setdefault(row_key(row, stamp), Counter())[int(row["_m"])] += int(row["_rows"])
    return result


def encode(histogram: Counter[int]) -> list[list[int]]:
    """A histogram as stored in a rollup: ``[[minutes, rows], …]`` in minute order."""
    return [[minutes, rows] for minutes, rows in sorted(histogram.items()) if rows]


def read_histograms(
    measures: Iterable[Measure],
    *,
    start: dt.date,
    end: dt.date,
    dimension: str | None,
    period: str | None,
) -> dict[str, Histograms]:
    """The histograms of [start, end) summed from the daily rollups, per measure, group key
    and period bucket, in one query."""
    keys = [measure.key for measure in measures]
    result: dict[str, Histograms] = {key: {} for key in keys}
    if start >= end or not keys:
        return result
    bucket_of: dict[dt.date, dt.date | None] = {}
    if period:
        for first, after in buckets(start, end, period):
            day = max(first, start)
            while day < min(after, end):
                bucket_of[day] = first
                day += dt.timedelta(days=1)
    rows = DailyRollup.objects.filter(
        dimension=dimension or ALL, day__gte=start, day__lt=end
    ).values_list("day", "key", "histograms")
    for day, key, stored in rows.order_by():
        group = (key, bucket_of.get(day))
        for measure_key in keys:
            pairs = (stored or {}).get(measure_key)
            if pairs:
                target = result[measure_key].setdefault(group, Counter())
                for minutes, count in pairs:
                    target[minutes] += count
    return result


def add(into: Histograms, more: Histograms) -> None:
    """Add ``more`` into ``into``, group by group."""
    for group, histogram in more.items():
        into.setdefault(group, Counter()).update(histogram)


def at_ranks(histogram: Counter[int], percents: Sequence[int]) -> dict[int, int | None]:
    """The nearest-rank percentiles of the rows a histogram counts (``None`` when empty)."""
    total = sum(histogram.values())
    found: dict[int, int | None] = dict.fromkeys(percents)
    if total <= 0:
        return found
    wanted = sorted((nearest_rank(total, percent), percent) for percent in percents)
    seen, index = 0, 0
    for minutes in sorted(histogram):
        seen += histogram[minutes]
        while index < len(wanted) and wanted[index][0] <= seen:
            found[wanted[index][1]] = minutes
            index += 1
        if index == len(wanted):
            break
    return found


def percentiles_from(histograms: Histograms, percents: Sequence[int]) -> dict[int, dict[Any, Any]]:
    """Per percent, the percentile of each group, like ``aggregate.percentiles_live``."""
    result: dict[int, dict[Any, Any]] = {percent: {} for percent in percents}
    for group, histogram in histograms.items():
        for percent, value in at_ranks(histogram, percents).items():
            if value is not None:
                result[percent][group] = value
    return result
