"""Demo business calendar (演示工作日历): ``office``, Mon–Fri 09:00–12:00 and 13:00–18:00 with
the Chinese statutory holidays and adjusted working days of this year and the next (the next
one provisional until chinese-calendar publishes it)."""

from __future__ import annotations

from datetime import date, time

from kefu.accounts.models import User
from kefu.sla.calendar import WeeklyHours
from kefu.sla.models import BusinessCalendar
from kefu.sla.services import create_calendar, ensure_years

OFFICE_HOURS: WeeklyHours = {
    weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)
}


def ensure_calendars(*, today: date, actor: User | None) -> BusinessCalendar:
    """Create the ``office`` calendar if missing and load the years not loaded yet."""
    office = BusinessCalendar.objects.filter(code="office").first()
    if office is None:
        office = create_calendar(
            actor=actor, code="office", name="办公时间 (周一至周五)", weekly_hours=OFFICE_HOURS
        )
    ensure_years(actor=actor, calendar=office, years=[today.year, today.year + 1])
    return office
