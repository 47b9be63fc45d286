"""Counting in the database (数据库聚合): the counters of a period, grouped, by GROUP BY.

Never a Python loop over rows: each source is one query with conditional aggregates, grouped
by the dimension's key and the period bucket; percentiles use window functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.functions import RowNumber, Trunc
from django.utils import timezone

from kefu.kpis.scope import KpiScope
from kefu.kpis.sources import COUNTER_SOURCE, TICKETS_CREATED, Source, backlog_condition

GroupKey = tuple[str, dt.date | None]
Counts = dict[GroupKey, dict[str, int]]


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the current (business) time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def in_range(source: Source, start: dt.date, end: dt.date) -> models.Q:
    """Rows of the source attributed to days in [start, end)."""
    name = source.date_field
    if source.is_date:
        return models.Q(**{f"{name}__gte": start, f"{name}__lt": end})
    return models.Q(**{f"{name}__gte": local_midnight(start), f"{name}__lt": local_midnight(end)})


def bucket_expr(source: Source, period: str) -> Any:
    """The first day of the period bucket of a row (local time)."""
    return Trunc(
        source.date_field,
        period,
        output_field=models.DateField(),
        tzinfo=None if source.is_date else timezone.get_current_timezone(),
    )


def source_rows(
    source: Source, *, scope: KpiScope, start: dt.date, end: dt.date, at: dt.datetime
) -> models.QuerySet[Any]:
    """Rows of the source in [start, end) as counted at ``at``, in the user's scope."""
    return scope.rows(source).filter(in_range(source, start, end)).filter(source.base(at))


def grouped(
    qs: models.QuerySet[Any], source: Source, dimension: str | None, period: str | None
) -> tuple[models.QuerySet[Any], list[str]]:
    names = []
    if dimension:
        qs = qs.annotate(_k=source.dimension(dimension))
        names.append("_k")
    if period:
        qs = qs.annotate(_p=bucket_expr(source, period))
        names.append("_p")
    return qs, names


def _key(row: dict[str, Any]) -> GroupKey:
    return (str(row.get("_k", "") or ""), row.get("_p"))


def _as_int(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds())
    return int(value)


def count_live(
    counters: Iterable[str],
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str | None = None,
    period: str | None = None,
) -> Counts:
    """The counters over [start, end) counted from the raw rows, one query per source."""
    wanted: dict[str, list[str]] = defaultdict(list)
    by_key: dict[str, Source] = {}
    for name in counters:
        source = COUNTER_SOURCE[name]
        wanted[source.key].append(name)
        by_key[source.key] = source
    result: Counts = defaultdict(dict)
    if start >= end:
        return result
    for key, names in wanted.items():
        source = by_key[key]
        qs, group_names = grouped(
            source_rows(source, scope=scope, start=start, end=end, at=at),
            source,
            dimension,
            period,
        )
        aggregates: dict[str, Any] = {}
        for name in names:
            counter = source.counter(name)
            condition = counter.condition(at)
            if counter.sums is not None:
                aggregates[name] = models.Sum(counter.sums, filter=condition or None)
            else:
                aggregates[name] = models.Count("pk", filter=condition or None)
        rows = (
            qs.values(*group_names).order_by().annotate(**aggregates)
            if group_names
            else [qs.aggregate(**aggregates)]
        )
        for row in rows:
            cell = result[_key(row)]
            for name in names:
                cell[name] = cell.get(name, 0) + _as_int(row[name])
    return result


def backlog_live(
    *,
    scope: KpiScope,
    end: dt.datetime,
    dimension: str | None = None,
) -> dict[str, int]:
    """Backlog (积压) at ``end`` by group key, from the raw rows."""
    qs = scope.rows(TICKETS_CREATED).filter(backlog_condition(end))
    if dimension:
        qs = qs.annotate(_k=TICKETS_CREATED.dimension(dimension))
        return {
            str(row["_k"] or ""): int(row["n"])
            for row in qs.values("_k").order_by().annotate(n=models.Count("pk"))
        }
    return {"": qs.count()}


def percentile_live(
    source: Source,
    value: Any,
    percent: int,
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str | None = None,
    period: str | None = None,
) -> dict[GroupKey, Any]:
    """The ``percent``-th percentile (nearest rank) of ``value`` over the source's rows in
    [start, end), per group, by window functions in the database: the row whose rank r in
    its group of n satisfies r ≥ n·p/100 > r − 1."""
    qs = source_rows(source, scope=scope, start=start, end=end, at=at)
    qs = qs.annotate(_v=value).filter(_v__isnull=False)
    qs, names = grouped(qs, source, dimension, period)
    partition = [models.F(name) for name in names] or None
    rank_at = models.ExpressionWrapper(
        models.F("_n") * models.Value(percent) / models.Value(100.0),
        output_field=models.FloatField(),
    )
    qs = qs.annotate(
        _rn=models.Window(RowNumber(), partition_by=partition, order_by=[models.F("_v").asc()]),
        _n=models.Window(models.Count("pk"), partition_by=partition),
    ).filter(_rn__gte=rank_at, _rn__lt=rank_at + models.Value(1.0))
    return {_key(row): row["_v"] for row in qs.values(*names, "_v")}
