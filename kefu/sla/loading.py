"""Building the pure working calendar from the database (读取工作日历)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from kefu.core.errors import NotFound
from kefu.sla.calendar import WorkingCalendar
from kefu.sla.choices import DayKind
from kefu.sla.models import BusinessCalendar, CalendarDay


def working_calendar(
    calendar: BusinessCalendar, *, since: date | None = None, until: date | None = None
) -> WorkingCalendar:
    """The calendar's hours with its special days (all, or only those in [since, until])."""
    weekly: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for period in calendar.periods.order_by("weekday", "starts_at"):
        weekly[period.weekday].append((period.starts_at, period.ends_at))
    days = CalendarDay.objects.filter(calendar=calendar)
    if since is not None:
        days = days.filter(date__gte=since)
    if until is not None:
        days = days.filter(date__lte=until)
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, kind in days.values_list("date", "kind"):
        (workdays if kind == DayKind.WORKDAY else holidays).add(day)
    return WorkingCalendar(
        time_zone=ZoneInfo(calendar.time_zone),
        weekly_hours=dict(weekly),
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        is_24x7=calendar.is_24x7,
    )


def calendar_by_code(code: str) -> BusinessCalendar:
    try:
        return BusinessCalendar.objects.get(code=code)
    except BusinessCalendar.DoesNotExist:
        raise NotFound(_("No business calendar with the code %(code)s.") % {"code": code}) from None


def loaded_years(calendar: BusinessCalendar) -> set[int]:
    """The years that have special days stored for ``calendar``."""
    return {d.year for d in CalendarDay.objects.filter(calendar=calendar).dates("date", "year")}
