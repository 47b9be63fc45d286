"""Care calendar (关怀日程): which days a rule runs and which dates fall in its window. Pure.

No ORM and no clock: the day is a parameter. A window of ``days`` days starts on ``start``
and includes it (``days=7``: this day and the six after it).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator

# A rule that closes work orders catches up this many days of missed runs.
CATCH_UP_DAYS = 7


def runs_on(weekdays: Iterable[int], day: dt.date) -> bool:
    """Whether a rule limited to ``weekdays`` (0 = Monday; none = every day) runs on ``day``."""
    chosen = set(weekdays)
    return not chosen or day.weekday() in chosen


def window(start: dt.date, days: int) -> Iterator[dt.date]:
    """The dates of a window of ``days`` days from ``start`` (at least the start itself)."""
    for offset in range(max(1, days)):
        yield start + dt.timedelta(days=offset)


def birthday_on(birthday: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; 29 February is kept on the 28th in a common year."""
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return birthday.replace(year=year)


def birthday_in(birthday: dt.date, start: dt.date, days: int) -> dt.date | None:
    """The birthday that falls in the window, if one does (a window may cross the new year)."""
    dates = list(window(start, days))
    for year in sorted({d.year for d in dates}):
        occurrence = birthday_on(birthday, year)
        if dates[0] <= occurrence <= dates[-1]:
            return occurrence
    return None


def birthday_pairs(start: dt.date, days: int) -> set[tuple[int, int]]:
    """(month, day) of the birth dates whose birthday falls in the window (for a query)."""
    pairs = {(d.month, d.day) for d in window(start, days)}
    for d in window(start, days):
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            pairs.add((2, 29))
    return pairs


def member_days_in(start: dt.date, days: int) -> dict[int, dt.date]:
    """Member day (会员日, a day of the month, 1–31) → its date in the window. A member day
    beyond the end of a short month falls on the month's last day."""
    found: dict[int, dt.date] = {}
    for d in window(start, days):
        last = calendar.monthrange(d.year, d.month)[1]
        numbers = range(d.day, 32) if d.day == last else (d.day,)
        for number in numbers:
            found.setdefault(number, d)
    return found


def closing_dates(day: dt.date, after_days: int) -> tuple[dt.date, dt.date]:
    """Closing dates (first, last) whose callback, ``after_days`` after closing, is due by
    ``day``, catching up on a week of missed runs."""
    last = day - dt.timedelta(days=after_days)
    return last - dt.timedelta(days=CATCH_UP_DAYS), last


def is_due_again(last_on: dt.date | None, day: dt.date, interval_days: int) -> bool:
    """Periodic care: due when never called by the rule or ``interval_days`` have passed."""
    if interval_days <= 0:
        return False
    return last_on is None or (day - last_on).days >= interval_days
