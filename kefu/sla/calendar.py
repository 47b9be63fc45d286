"""Working-time arithmetic (工作时间计算): pure, no ORM, no clock — time is always a parameter.

A :class:`WorkingCalendar` holds the working periods of each weekday (0 = Monday … 6 = Sunday,
breaks such as lunch are simply the gaps between periods), the statutory holidays (法定节假日)
and the adjusted working days (调休). Its rule for one date:

* a 24×7 calendar works around the clock, holidays included;
* an adjusted working day (usually a Saturday or Sunday) works the hours of the
  ``makeup_weekday`` template — Monday by default, i.e. the ordinary weekday hours;
* a holiday does not work;
* any other day works the periods of its weekday.

A period ending at 00:00 runs to midnight (the end of its day). Intervals are half-open: a
period 09:00–12:00 works at 09:00 and at 11:59:59, not at 12:00.

Every function takes aware datetimes and computes in UTC, so a daylight-saving change in the
calendar's zone cannot add or lose time. Results are returned in the calendar's zone. The
arithmetic jumps from working interval to working interval, one day at a time, never minute
by minute.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Period = tuple[time, time]
WeeklyHours = Mapping[int, Sequence[Period]]

MIDNIGHT = time(0)
ZERO = timedelta(0)
# How far ahead to look for working time before giving up (a calendar with no working hours).
SEARCH_DAYS = 3 * 366


class NoWorkingTime(ValueError):
    """The calendar has no working time within the search horizon."""


def _check_periods(weekday: int, periods: Sequence[Period]) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) … 6 (Sunday), not {weekday}")
    previous_end: time | None = None
    for starts_at, ends_at in periods:
        if ends_at != MIDNIGHT and ends_at <= starts_at:
            raise ValueError(
                f"period {starts_at}–{ends_at} of weekday {weekday} ends before it starts"
            )
        if previous_end is not None and (previous_end == MIDNIGHT or starts_at < previous_end):
            raise ValueError(f"periods of weekday {weekday} overlap or are out of order")
        previous_end = ends_at


@dataclass(frozen=True)
class WorkingCalendar:
    """Working hours per weekday, holidays and adjusted working days (调休) in one zone."""

    time_zone: ZoneInfo
    weekly_hours: WeeklyHours = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    is_24x7: bool = False
    makeup_weekday: int = 0

    def __post_init__(self) -> None:
        for weekday, periods in self.weekly_hours.items():
            _check_periods(weekday, periods)
        if not 0 <= self.makeup_weekday <= 6:
            raise ValueError("makeup_weekday must be 0 (Monday) … 6 (Sunday)")

    def periods_on(self, day: date) -> Sequence[Period]:
        """The working periods of ``day`` as wall-clock times."""
        if self.is_24x7:
            return ((MIDNIGHT, MIDNIGHT),)
        if day in self.workdays:
            return self.weekly_hours.get(self.makeup_weekday, ())
        if day in self.holidays:
            return ()
        return self.weekly_hours.get(day.weekday(), ())

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working intervals of ``day`` as aware UTC datetimes, in order."""
        result = []
        for starts_at, ends_at in self.periods_on(day):
            start = datetime.combine(day, starts_at, tzinfo=self.time_zone)
            end_day = day + timedelta(days=1) if ends_at == MIDNIGHT else day
            end = datetime.combine(end_day, ends_at, tzinfo=self.time_zone)
            result.append((start.astimezone(UTC), end.astimezone(UTC)))
        return result

    def local_date(self, at: datetime) -> date:
        return _aware(at).astimezone(self.time_zone).date()


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"an aware datetime is required, got {at!r}")
    return at


def _intervals_from(
    calendar: WorkingCalendar, at: datetime, days: int = SEARCH_DAYS
) -> Iterator[tuple[datetime, datetime]]:
    """Working intervals (UTC) that end after ``at``, clipped to start no earlier than it.

    Starts one day before ``at``'s local date, so a midnight-ending period of the day before
    (or a zone change) is never missed.
    """
    cursor = _aware(at).astimezone(UTC)
    day = calendar.local_date(at) - timedelta(days=1)
    for _ in range(days + 1):
        for start, end in calendar.intervals_on(day):
            if end > cursor:
                yield max(start, cursor), end
        day += timedelta(days=1)


def is_working_time(at: datetime, calendar: WorkingCalendar) -> bool:
    """Whether ``at`` falls inside a working interval (start included, end excluded)."""
    moment = _aware(at).astimezone(UTC)
    day = calendar.local_date(at)
    for candidate in (day - timedelta(days=1), day):
        for start, end in calendar.intervals_on(candidate):
            if start <= moment < end:
                return True
    return False


def next_working_moment(at: datetime, calendar: WorkingCalendar) -> datetime:
    """The earliest working moment at or after ``at`` (``at`` itself during working time)."""
    for start, _end in _intervals_from(calendar, at):
        return start.astimezone(calendar.time_zone)
    raise NoWorkingTime(f"no working time within {SEARCH_DAYS} days after {at.isoformat()}")


def add_working_time(start: datetime, duration: timedelta, calendar: WorkingCalendar) -> datetime:
    """The earliest moment by which ``duration`` of working time has passed since ``start``.

    Counting begins at ``start`` or, outside working time, at the next working moment. A
    duration that uses up a period exactly ends at the period's end (18:00, not 09:00 of the
    next working day). A zero duration returns ``start``.
    """
    if duration < ZERO:
        raise ValueError("the duration must not be negative")
    if duration == ZERO:
        return _aware(start)
    remaining = duration
    for interval_start, interval_end in _intervals_from(calendar, start):
        available = interval_end - interval_start
        if remaining <= available:
            return (interval_start + remaining).astimezone(calendar.time_zone)
        remaining -= available
    raise NoWorkingTime(f"no working time within {SEARCH_DAYS} days after {start.isoformat()}")


def working_time_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> timedelta:
    """The working time inside [start, end); negative when ``end`` is before ``start``."""
    if _aware(end) < _aware(start):
        return -working_time_between(end, start, calendar)
    until = end.astimezone(UTC)
    days = (calendar.local_date(end) - calendar.local_date(start)).days + 1
    total = ZERO
    for interval_start, interval_end in _intervals_from(calendar, start, days=days):
        if interval_start >= until:
            break
        total += min(interval_end, until) - interval_start
    return total


def working_minutes_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> int:
    """:func:`working_time_between` in whole minutes (rounded down)."""
    return working_time_between(start, end, calendar) // timedelta(minutes=1)
