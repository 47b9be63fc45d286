"""Counting in the database (数据库聚合): the counters of a period, grouped, by GROUP BY.

Never a Python loop over rows: each source is one query with conditional aggregates, grouped
by the dimension's key and the period bucket; percentiles use window functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connections, models
from django.db.models.functions import Trunc
from django.utils import timezone

from kefu.kpis.periods import buckets, days
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


def single_bucket(start: dt.date, end: dt.date, period: str | None) -> dt.date | None:
    """The one period bucket [start, end) falls in, if it falls in one (else ``None``)."""
    if period is None or start >= end:
        return None
    spans = buckets(start, end, period)
    first = next(spans)
    return None if next(spans, None) else first[0]


def grouped(
    qs: models.QuerySet[Any],
    source: Source,
    dimension: str | None,
    period: str | None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[models.QuerySet[Any], list[str], dt.date | None]:
    """The rows annotated with their group key (``_k``) and period bucket (``_p``), the names
    to group by, and the bucket of every row when [start, end) lies in one bucket: then no
    bucket is computed per row (on SQLite a Python function call per row)."""
    names = []
    if dimension:
        qs = qs.annotate(_k=source.dimension(dimension))
        names.append("_k")
    stamp = single_bucket(start, end, period) if start and end else None
    if period and stamp is None:
        spans = list(buckets(start, end, period)) if start and end else []
        local_day = day_of_row(source, start, end) if period == "day" and spans else None
        if local_day is not None:
            qs = qs.annotate(_p=local_day)
        elif 0 < len(spans) <= CASE_BUCKETS:
            qs = qs.annotate(_p=bucket_case(source, spans))
        else:
            qs = qs.annotate(_p=bucket_expr(source, period))
        names.append("_p")
    return qs, names, stamp


class LocalDay(models.Func):
    """The business-time-zone day (本地日期) of a timestamp column, in plain SQL.

    PostgreSQL converts with ``AT TIME ZONE`` (exact across daylight saving changes). SQLite
    shifts by a fixed offset with ``date()``: only used for a range in which the zone keeps one
    UTC offset (``day_of_row`` checks), where it equals truncating in the zone."""

    output_field = models.DateField()

    def __init__(self, column: str, *, offset_minutes: int, zone: str) -> None:
        super().__init__(models.F(column))
        self.offset_minutes = offset_minutes
        self.zone = zone

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({sql}, '{int(self.offset_minutes):+d} minutes')", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST(({sql} AT TIME ZONE %s) AS date)", (*params, self.zone)


def day_of_row(source: Source, start: dt.date | None, end: dt.date | None) -> Any | None:
    """A row's day for daily buckets over [start, end) as one cheap expression: the date
    column itself, or ``LocalDay`` when the business time zone keeps one UTC offset over the
    range (checked at every local midnight); ``None`` when it does not (a daylight saving
    change inside: the caller compares with each day's bounds instead)."""
    if source.is_date:
        return models.F(source.date_field)
    if start is None or end is None:
        return None
    zone = timezone.get_current_timezone()
    offsets = {local_midnight(day).utcoffset() for day in days(start, end + dt.timedelta(days=1))}
    if len(offsets) != 1:
        return None
    offset = offsets.pop()
    assert offset is not None
    minutes, rest = divmod(int(offset.total_seconds()), 60)
    if rest:
        return None
    return LocalDay(source.date_field, offset_minutes=minutes, zone=str(zone))


# Up to this many buckets, a row's bucket is found by comparing its timestamp with the
# buckets' ends (plain SQL) rather than truncating it in the business time zone.
CASE_BUCKETS = 62


def bucket_case(source: Source, spans: list[tuple[dt.date, dt.date]]) -> Any:
    """The first day of a row's bucket among ``spans`` (rows already inside them), by
    comparisons with each bucket's end: the same bucket as ``bucket_expr`` without a function
    call per row (on SQLite, ``Trunc`` in a time zone is a Python function)."""
    name = source.date_field
    whens = [
        models.When(
            **{f"{name}__lt": after if source.is_date else local_midnight(after)},
            then=models.Value(first),
        )
        for first, after in spans
    ]
    return models.Case(*whens, default=models.Value(None), output_field=models.DateField())


def row_key(row: dict[str, Any], stamp: dt.date | None = None) -> GroupKey:
    """The group key and period bucket of a grouped row (``stamp`` when all share one)."""
    return (str(row.get("_k", "") or ""), row.get("_p", stamp))


def _as_int(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds())
    return int(value)


def _aggregates(source: Source, names: Iterable[str], at: dt.datetime) -> dict[str, Any]:
    aggregates: dict[str, Any] = {}
    for name in names:
        counter = source.counter(name)
        condition = counter.condition(at)
        if counter.sums is not None:
            aggregates[name] = models.Sum(counter.sums, filter=condition or None)
        else:
            aggregates[name] = models.Count("pk", filter=condition or None)
    return aggregates


def grouped_counts(
    source: Source,
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str,
    period: str | None = None,
) -> models.QuerySet[Any]:
    """The query ``count_live`` sends for one source grouped by a dimension (for query-plan
    tests): a range on the source's timestamp, one GROUP BY, a conditional count per counter."""
    names = [counter.name for counter in source.counters]
    qs, _stamp = _counting(
        source, names, scope=scope, start=start, end=end, at=at, dimension=dimension, period=period
    )
    assert isinstance(qs, models.QuerySet)
    return qs


def _counting(
    source: Source,
    names: list[str],
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str | None,
    period: str | None,
) -> tuple[Any, dt.date | None]:
    """The counting query of one source: grouped rows (a queryset of dicts) when there is
    something to group by, else the one ungrouped aggregate (a dict, run at once)."""
    qs, group_names, stamp = grouped(
        source_rows(source, scope=scope, start=start, end=end, at=at),
        source,
        dimension,
        period,
        start=start,
        end=end,
    )
    aggregates = _aggregates(source, names, at)
    if group_names:
        return qs.values(*group_names).order_by().annotate(**aggregates), stamp
    return qs.aggregate(**aggregates), stamp


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
        counted, stamp = _counting(
            by_key[key],
            names,
            scope=scope,
            start=start,
            end=end,
            at=at,
            dimension=dimension,
            period=period,
        )
        rows = [counted] if isinstance(counted, dict) else counted
        for row in rows:
            cell = result[row_key(row, stamp)]
            for name in names:
                cell[name] = cell.get(name, 0) + _as_int(row[name])
    return result


def backlog_live(
    *,
    scope: KpiScope,
    end: dt.datetime,
    dimension: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, int]:
    """Backlog (积压) at ``end`` by group key, from the raw rows (the open work now when
    ``end`` is not before the time of counting ``at``)."""
    qs = scope.rows(TICKETS_CREATED).filter(backlog_condition(end, at))
    if dimension:
        qs = qs.annotate(_k=TICKETS_CREATED.dimension(dimension))
        return {
            str(row["_k"] or ""): int(row["n"])
            for row in qs.values("_k").order_by().annotate(n=models.Count("pk"))
        }
    return {"": qs.count()}


def nearest_rank(n: int, percent: int) -> int:
    """The rank of the ``percent``-th percentile of n sorted values (nearest rank): the r with
    r ≥ n·p/100 > r − 1, in integers."""
    return max(1, -(-n * percent // 100))


def percentiles_live(
    source: Source,
    value: Any,
    percents: Iterable[int],
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    dimension: str | None = None,
    period: str | None = None,
) -> dict[int, dict[GroupKey, Any]]:
    """The percentiles (nearest rank) of ``value`` over the source's rows in [start, end),
    per group and for each of ``percents``, in one query: the rows (group, value) selected by
    the ORM are numbered in value order per group by window functions around them, and only
    the rows at a wanted rank ⌈n·p/100⌉ come back. Each window is computed once and the value
    once per row (the ORM's own window filter repeats both, several times slower)."""
    wanted = sorted(set(percents))
    result: dict[int, dict[GroupKey, Any]] = {percent: {} for percent in wanted}
    if not wanted or start >= end:
        return result
    qs = source_rows(source, scope=scope, start=start, end=end, at=at)
    qs = qs.annotate(_v=value).filter(_v__isnull=False)
    qs, names, stamp = grouped(qs, source, dimension, period, start=start, end=end)
    rows_qs = qs.values(*names, "_v").order_by()
    sql, params = rows_qs.query.sql_with_params()
    connection = connections[rows_qs.db]
    q = connection.ops.quote_name
    columns = [q(name) for name in names]
    partition = f"PARTITION BY {', '.join(columns)}" if columns else ""
    at_rank = " OR ".join(f"{q('_rn')} = ({q('_n')} * {p} + 99) / 100" for p in wanted)
    # Only quoted names, the ORM's own SQL (with its parameters) and integer percents.
    ranked = (
        f"SELECT {', '.join([*columns, q('_v'), q('_rn'), q('_n')])} FROM ("  # noqa: S608
        f"SELECT {', '.join([*columns, q('_v')])},"
        f" ROW_NUMBER() OVER ({partition} ORDER BY {q('_v')}) AS {q('_rn')},"
        f" COUNT(*) OVER ({partition}) AS {q('_n')}"
        f" FROM ({sql}) {q('_rows')}) {q('_ranked')} WHERE {at_rank}"
    )
    convert = [_converters(rows_qs.query.annotations[name], connection) for name in (*names, "_v")]
    with connection.cursor() as cursor:
        cursor.execute(ranked, params)
        fetched = cursor.fetchall()
    for raw in fetched:
        *values, rank, count = raw
        row = {
            name: _convert(value, convert[i], connection)
            for i, (name, value) in enumerate(zip((*names, "_v"), values, strict=True))
        }
        for percent in wanted:
            if rank == nearest_rank(int(count), percent):
                result[percent][row_key(row, stamp)] = row["_v"]
    return result


Converter = tuple[Any, list[Any]]


def _converters(expression: Any, connection: Any) -> Converter:
    """The database converters the ORM would apply to a column of ``expression``."""
    found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
    return expression, found


def _convert(value: Any, converter: Converter, connection: Any) -> Any:
    expression, functions = converter
    for function in functions:
        value = function(value, expression, connection)
    return value
