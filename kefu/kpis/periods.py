"""Periods (统计周期): day, week (Monday), month, quarter and year buckets. Pure.

``bucket_start`` gives the first day of the bucket holding a day, ``buckets`` every bucket of a
range; ``end`` dates are exclusive throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

PERIODS = ("day", "week", "month", "quarter", "year")


def bucket_start(day: dt.date, period: str) -> dt.date:
    """The first day of the ``period`` bucket holding ``day``."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown period {period!r}")


def next_bucket(start: dt.date, period: str) -> dt.date:
    """The first day of the bucket after the one starting on ``start``."""
    if period == "day":
        return start + dt.timedelta(days=1)
    if period == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}.get(period)
    if months is None:
        raise ValueError(f"unknown period {period!r}")
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def buckets(start: dt.date, end: dt.date, period: str) -> Iterator[tuple[dt.date, dt.date]]:
    """Every (bucket start, bucket end) meeting [start, end); the first may begin earlier."""
    first = bucket_start(start, period)
    while first < end:
        after = next_bucket(first, period)
        yield first, after
        first = after


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day < end:
        yield day
        day += dt.timedelta(days=1)
