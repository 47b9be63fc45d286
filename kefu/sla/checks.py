"""The deadlines app's part of ``kefu check`` (自检): schedules entered in the database."""

from __future__ import annotations

from kefu.sla.choices import DayKind, DaySource
from kefu.sla.models import CalendarDay


def entered_schedule_coverage(year: int) -> str | None:
    """The official schedule of ``year`` as stored for the business calendars, if complete.

    A year counts as covered when some calendar has special days in it and none of the year's
    days is provisional (python-holidays knows no 调休 days). Registered with
    :func:`kefu.core.checks.register_holiday_source`; a provisional year stays a WARN.
    """
    try:
        rows = list(
            CalendarDay.objects.in_year(year).values_list("calendar__code", "source", "kind")
        )
    except Exception:  # no table yet, no database, or no database access allowed: not covered
        return None
    if not rows or any(source == DaySource.PROVISIONAL for _code, source, _kind in rows):
        return None
    codes = sorted({code for code, _source, _kind in rows})
    holidays = sum(1 for code, _s, kind in rows if code == codes[0] and kind == DayKind.HOLIDAY)
    workdays = sum(1 for code, _s, kind in rows if code == codes[0] and kind == DayKind.WORKDAY)
    return (
        f"{holidays} days off and {workdays} adjusted working days (调休) entered for the"
        f" business calendar {', '.join(codes)}"
    )
