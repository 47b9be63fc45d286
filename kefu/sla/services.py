"""Writers of business calendars (工作日历写入): each one transaction with its audit entry.

Holidays come from three sources (:class:`~kefu.sla.choices.DaySource`):

* **official** — chinese-calendar, which knows the State Council's schedule of each published
  year: the days off and the adjusted working days (调休);
* **provisional** — python-holidays (``holidays.China``) for a year chinese-calendar does not
  know yet: the festival days only, never the 调休 days, so ``kefu check`` keeps warning until
  the official schedule is entered (:func:`set_day`, then :func:`confirm_year`);
* **manual** — entered or corrected by hand; loading a year never overwrites a manual day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar
from django.db import transaction
from django.utils.translation import gettext as _
from holidays import country_holidays

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.sla import cached
from kefu.sla.calendar import WeeklyHours, WorkingCalendar
from kefu.sla.choices import DayKind, DaySource
from kefu.sla.models import BusinessCalendar, CalendarDay, WorkingPeriod

CHANGE = "sla.change_businesscalendar"
DAY_FIELDS = ("date", "kind", "name", "source")


class YearNotPublished(Conflict):
    """chinese-calendar does not know the official schedule of the year."""

    code = "year_not_published"


@dataclass(frozen=True)
class YearLoad:
    """What loading one year wrote."""

    year: int
    source: DaySource
    holidays: int
    workdays: int
    kept_manual: int

    def __str__(self) -> str:
        return (
            f"{self.year}: {self.holidays} holidays and {self.workdays} adjusted working days"
            f" ({self.source}), {self.kept_manual} manual days kept"
        )


def forget_cached_calendars() -> None:
    """Bulk writes send no model signals: clear the per-process cache now and after commit."""
    cached.clear()
    transaction.on_commit(cached.clear)


def _require(actor: Any, perm: str) -> None:
    """``actor`` None (or a label such as the CLI's) is the system itself."""
    if getattr(actor, "is_authenticated", False) and not actor.has_perm(perm):
        raise NotPermitted(_("You are not allowed to do this."))


# ---- sources ----------------------------------------------------------------------------


def is_published(year: int) -> bool:
    """Whether chinese-calendar knows the official schedule of ``year``."""
    try:
        chinese_calendar.is_holiday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _festival(day: date) -> str:
    _is_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not name:
        return ""
    try:
        return str(chinese_calendar.Holiday(name).chinese)
    except ValueError:
        return str(name)


def official_days(year: int) -> list[tuple[date, DayKind, str]]:
    """The days off and adjusted working days (调休) of ``year`` from chinese-calendar."""
    if not is_published(year):
        raise YearNotPublished(
            _(
                "chinese-calendar does not know the official holiday schedule of %(year)s;"
                " load it provisionally or enter it by hand."
            )
            % {"year": year}
        )
    days = [(d, DayKind.HOLIDAY, _festival(d)) for d in chinese_calendar.holidays if d.year == year]
    days += [
        (d, DayKind.WORKDAY, _festival(d)) for d in chinese_calendar.workdays if d.year == year
    ]
    return sorted(days)


def provisional_days(year: int) -> list[tuple[date, DayKind, str]]:
    """The statutory holidays of ``year`` from python-holidays; no adjusted working days."""
    found = country_holidays("CN", years=year, language="zh_CN")  # holidays.China
    return sorted((d, DayKind.HOLIDAY, str(name)) for d, name in found.items() if d.year == year)


# ---- loading years ----------------------------------------------------------------------


def _replace_year(
    actor: Any,
    calendar: BusinessCalendar,
    year: int,
    source: DaySource,
    days: list[tuple[date, DayKind, str]],
) -> YearLoad:
    rows = CalendarDay.objects.filter(calendar=calendar).in_year(year)
    manual = set(rows.filter(source=DaySource.MANUAL).values_list("date", flat=True))
    replaced = rows.exclude(source=DaySource.MANUAL).delete()[0]
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar=calendar, date=d, kind=kind, name=name, source=source)
        for d, kind, name in days
        if d not in manual
    )
    forget_cached_calendars()
    written = [kind for d, kind, _name in days if d not in manual]
    load = YearLoad(
        year=year,
        source=source,
        holidays=written.count(DayKind.HOLIDAY),
        workdays=written.count(DayKind.WORKDAY),
        kept_manual=len(manual),
    )
    record(
        actor=actor,
        action=AuditAction.IMPORT,
        obj=calendar,
        changes={
            "year": year,
            "source": str(source),
            "holidays": load.holidays,
            "workdays": load.workdays,
            "replaced": replaced,
            "kept_manual": load.kept_manual,
        },
    )
    return load


def load_official_year(*, actor: Any, calendar: BusinessCalendar, year: int) -> YearLoad:
    """Load the official schedule of ``year`` (法定节假日与调休) from chinese-calendar.

    Replaces the year's official and provisional days; keeps the manual ones.
    """
    _require(actor, CHANGE)
    days = official_days(year)
    with transaction.atomic():
        return _replace_year(actor, calendar, year, DaySource.OFFICIAL, days)


def load_provisional_year(*, actor: Any, calendar: BusinessCalendar, year: int) -> YearLoad:
    """Load the statutory holidays of ``year`` provisionally from python-holidays.

    Only for a year whose official schedule is not loaded: python-holidays has no 调休 days.
    """
    _require(actor, CHANGE)
    days = provisional_days(year)
    with transaction.atomic():
        rows = CalendarDay.objects.filter(calendar=calendar).in_year(year)
        if rows.filter(source=DaySource.OFFICIAL).exists():
            raise Conflict(
                _("The official schedule of %(year)s is already loaded.") % {"year": year}
            )
        return _replace_year(actor, calendar, year, DaySource.PROVISIONAL, days)


def ensure_years(
    *, actor: Any, calendar: BusinessCalendar, years: Iterable[int]
) -> dict[int, YearLoad | None]:
    """Load each year not loaded yet: official when chinese-calendar knows it, else provisional.

    A year already official is left alone; a provisional year becomes official once
    chinese-calendar publishes it. The value is None for a year nothing was written for.
    """
    _require(actor, CHANGE)
    result: dict[int, YearLoad | None] = {}
    with transaction.atomic():
        for year in sorted(set(years)):
            sources = set(
                CalendarDay.objects.filter(calendar=calendar)
                .in_year(year)
                .values_list("source", flat=True)
            )
            if DaySource.OFFICIAL in sources:
                result[year] = None
            elif is_published(year):
                result[year] = load_official_year(actor=actor, calendar=calendar, year=year)
            elif sources:
                result[year] = None
            else:
                result[year] = load_provisional_year(actor=actor, calendar=calendar, year=year)
    return result


def confirm_year(*, actor: Any, calendar: BusinessCalendar, year: int) -> int:
    """Mark the year's provisional days as checked by hand, once the official schedule (with
    its 调休 days) has been entered; ``kefu check`` then counts the year as covered."""
    _require(actor, CHANGE)
    with transaction.atomic():
        rows = CalendarDay.objects.filter(calendar=calendar, source=DaySource.PROVISIONAL)
        count = rows.in_year(year).update(source=DaySource.MANUAL)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=calendar,
            changes={"year": year, "confirmed": count},
            reason="official schedule entered",
        )
    return count


# ---- manual edits -----------------------------------------------------------------------


def set_day(
    *, actor: Any, calendar: BusinessCalendar, on: date, kind: DayKind, name: str = ""
) -> CalendarDay:
    """Enter or correct one day (a holiday or an adjusted working day) by hand."""
    _require(actor, CHANGE)
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(calendar=calendar, date=on).first()
        before = snapshot(day, DAY_FIELDS) if day else {}
        if day is None:
            day = CalendarDay(calendar=calendar, date=on)
        day.kind, day.name, day.source = kind, name, DaySource.MANUAL
        day.full_clean()
        day.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=day,
            changes=diff(before, snapshot(day, DAY_FIELDS)),
        )
    return day


def remove_day(*, actor: Any, calendar: BusinessCalendar, on: date) -> None:
    """Remove one special day: it becomes an ordinary day of its weekday."""
    _require(actor, CHANGE)
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(calendar=calendar, date=on).first()
        if day is None:
            raise NotFound(_("No special day on %(date)s.") % {"date": on})
        before = snapshot(day, DAY_FIELDS)
        record(actor=actor, action=AuditAction.DELETE, obj=day, changes=diff(before, {}))
        day.delete()


# ---- calendars --------------------------------------------------------------------------


def create_calendar(
    *,
    actor: Any,
    code: str,
    name: str,
    weekly_hours: WeeklyHours,
    time_zone: str = "",
    is_24x7: bool = False,
) -> BusinessCalendar:
    """Create a business calendar with its working periods per weekday."""
    _require(actor, "sla.add_businesscalendar")
    calendar = BusinessCalendar(code=code, name=name, is_24x7=is_24x7)
    if time_zone:
        calendar.time_zone = time_zone
    errors: dict[str, list[str]] = {}
    try:
        WorkingCalendar(ZoneInfo(calendar.time_zone), weekly_hours, is_24x7=is_24x7)
    except ZoneInfoNotFoundError:
        errors["time_zone"] = [_("Unknown time zone.")]
    except ValueError as exc:
        errors["weekly_hours"] = [str(exc)]
    if BusinessCalendar.objects.filter(code__iexact=code).exists():
        errors["code"] = [_("Another calendar already uses this code.")]
    if errors:
        raise ValidationFailed(_("Please correct the calendar."), fields=errors)
    with transaction.atomic():
        calendar.full_clean()
        calendar.save()
        WorkingPeriod.objects.bulk_create(
            WorkingPeriod(calendar=calendar, weekday=weekday, starts_at=start, ends_at=end)
            for weekday, periods in sorted(weekly_hours.items())
            for start, end in periods
        )
        forget_cached_calendars()
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=calendar,
            changes={
                "code": code,
                "name": name,
                "time_zone": calendar.time_zone,
                "is_24x7": is_24x7,
                "periods": [
                    f"{weekday} {start:%H:%M}-{end:%H:%M}"
                    for weekday, periods in sorted(weekly_hours.items())
                    for start, end in periods
                ],
            },
        )
    return calendar
