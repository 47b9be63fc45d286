"""Report periods (报表周期): months, quarters and weeks as half-open date ranges. Pure.

Every period is ``[start, end)``: ``end`` is the first day after it, as ``kpi_table`` takes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # exclusive

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def month_of(day: dt.date) -> Period:
    """The calendar month that holds ``day``."""
    start = day.replace(day=1)
    return Period(start, add_months(start, 1))


def add_months(first: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``first``."""
    index = first.year * 12 + (first.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str | None, *, default: dt.date) -> Period:
    """``2026-11`` as that month; anything else (missing, malformed) as the month of
    ``default``."""
    match = _MONTH.match((text or "").strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 2000 <= year <= 2999:
            return month_of(dt.date(year, month, 1))
    return month_of(default)


def month_key(period: Period) -> str:
    return f"{period.start.year:04d}-{period.start.month:02d}"


def previous_month(period: Period) -> Period:
    return month_of(add_months(period.start, -1))


def last_months(period: Period, count: int) -> list[Period]:
    """The ``count`` months ending with ``period``'s month, oldest first."""
    return [month_of(add_months(period.start, offset)) for offset in range(1 - count, 1)]


def quarter_of(day: dt.date) -> Period:
    start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Period(start, add_months(start, 3))


def week_of(day: dt.date) -> Period:
    """The week (Monday to Sunday) that holds ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return Period(start, start + dt.timedelta(days=7))


def previous_week(day: dt.date) -> Period:
    """The whole week before the week of ``day`` (the weekly meeting's week)."""
    this = week_of(day)
    return Period(this.start - dt.timedelta(days=7), this.start)


def previous_quarter(day: dt.date) -> Period:
    this = quarter_of(day)
    return quarter_of(this.start - dt.timedelta(days=1))
