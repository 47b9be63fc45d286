"""Writers of business calendars: official and provisional years, manual days, audit rows."""

from datetime import date, time

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.sla.choices import DayKind, DaySource
from kefu.sla.loading import calendar_by_code, loaded_years, working_calendar
from kefu.sla.models import BusinessCalendar, CalendarDay
from kefu.sla.services import (
    YearNotPublished,
    confirm_year,
    create_calendar,
    ensure_years,
    load_official_year,
    load_provisional_year,
    remove_day,
    set_day,
)

OFFICE = {weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)}


@pytest.fixture
def office(db) -> BusinessCalendar:
    return create_calendar(actor=None, code="office", name="办公时间", weekly_hours=OFFICE)


def _days(calendar: BusinessCalendar, year: int) -> dict[date, CalendarDay]:
    return {d.date: d for d in CalendarDay.objects.filter(calendar=calendar).in_year(year)}


def test_creating_a_calendar_stores_its_periods_and_is_audited(office):
    assert office.time_zone == "Asia/Shanghai"
    assert office.periods.count() == 10
    entry = AuditEntry.objects.get(object_type="sla.businesscalendar", action="create")
    assert entry.changes["code"] == "office"
    assert "0 09:00-12:00" in entry.changes["periods"]


def test_a_calendar_with_overlapping_periods_or_an_unknown_zone_is_refused(db):
    with pytest.raises(ValidationFailed) as refused:
        create_calendar(
            actor=None,
            code="bad",
            name="bad",
            weekly_hours={0: [(time(9), time(12)), (time(11), time(13))]},
            time_zone="Mars/Olympus",
        )
    assert set(refused.value.fields) == {"time_zone"}
    with pytest.raises(ValidationFailed) as refused:
        create_calendar(actor=None, code="bad", name="bad", weekly_hours={0: [(time(12), time(9))]})
    assert set(refused.value.fields) == {"weekly_hours"}


def test_the_official_2026_load_has_national_day_and_the_adjusted_working_days(office):
    load = load_official_year(actor=None, calendar=office, year=2026)
    days = _days(office, 2026)
    assert days[date(2026, 10, 1)].kind == DayKind.HOLIDAY
    assert days[date(2026, 10, 1)].name == "国庆节"
    assert days[date(2026, 10, 1)].source == DaySource.OFFICIAL
    adjusted = {d for d, day in days.items() if day.kind == DayKind.WORKDAY}
    assert adjusted == {
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    }
    assert load.workdays == 6
    assert load.holidays == len(days) - 6
    entry = AuditEntry.objects.get(object_type="sla.businesscalendar", action="import")
    assert entry.changes["year"] == 2026
    assert entry.changes["source"] == "official"
    assert entry.changes["workdays"] == 6


def test_loading_an_unpublished_year_officially_is_refused_clearly(office):
    with pytest.raises(YearNotPublished, match="2027"):
        load_official_year(actor=None, calendar=office, year=2027)
    assert not CalendarDay.objects.exists()


def test_the_provisional_2027_load_has_spring_festival_and_no_adjusted_days(office):
    load = load_provisional_year(actor=None, calendar=office, year=2027)
    days = _days(office, 2027)
    assert days[date(2027, 2, 6)].name == "春节"
    assert days[date(2027, 1, 1)].name == "元旦"
    assert {d.source for d in days.values()} == {DaySource.PROVISIONAL}
    assert {d.kind for d in days.values()} == {DayKind.HOLIDAY}
    assert date(2027, 10, 1) in days
    assert load.workdays == 0
    assert AuditEntry.objects.filter(action="import", changes__source="provisional").count() == 1


def test_a_provisional_load_is_refused_once_the_official_year_is_loaded(office):
    load_official_year(actor=None, calendar=office, year=2026)
    with pytest.raises(Conflict):
        load_provisional_year(actor=None, calendar=office, year=2026)


def test_ensure_years_picks_official_or_provisional_and_is_idempotent(office):
    first = ensure_years(actor=None, calendar=office, years=[2026, 2027])
    assert first[2026] is not None
    assert first[2026].source == DaySource.OFFICIAL
    assert first[2027] is not None
    assert first[2027].source == DaySource.PROVISIONAL
    count = CalendarDay.objects.count()
    again = ensure_years(actor=None, calendar=office, years=[2026, 2027])
    assert again == {2026: None, 2027: None}
    assert CalendarDay.objects.count() == count
    assert loaded_years(office) == {2026, 2027}


def test_a_provisional_year_becomes_official_when_it_is_published(office):
    load_provisional_year(actor=None, calendar=office, year=2026)
    assert ensure_years(actor=None, calendar=office, years=[2026])[2026] is not None
    assert {day.source for day in _days(office, 2026).values()} == {DaySource.OFFICIAL}


def test_manual_days_survive_a_reload(office):
    set_day(actor=None, calendar=office, on=date(2026, 10, 9), kind=DayKind.HOLIDAY, name="店庆")
    load = load_official_year(actor=None, calendar=office, year=2026)
    assert load.kept_manual == 1
    assert _days(office, 2026)[date(2026, 10, 9)].source == DaySource.MANUAL


def test_setting_and_removing_a_day_is_audited(office):
    load_provisional_year(actor=None, calendar=office, year=2027)
    day = set_day(
        actor=None, calendar=office, on=date(2027, 2, 20), kind=DayKind.WORKDAY, name="春节调休"
    )
    assert day.source == DaySource.MANUAL
    created = AuditEntry.objects.get(object_type="sla.calendarday", action="create")
    assert created.changes["kind"] == [None, "workday"]
    changed = set_day(actor=None, calendar=office, on=date(2027, 2, 9), kind=DayKind.HOLIDAY)
    assert changed.source == DaySource.MANUAL
    updated = AuditEntry.objects.get(object_type="sla.calendarday", action="update")
    assert updated.changes["source"] == ["provisional", "manual"]
    remove_day(actor=None, calendar=office, on=date(2027, 2, 20))
    assert not CalendarDay.objects.filter(date=date(2027, 2, 20)).exists()
    assert AuditEntry.objects.filter(object_type="sla.calendarday", action="delete").count() == 1
    with pytest.raises(NotFound):
        remove_day(actor=None, calendar=office, on=date(2027, 2, 20))


def test_confirming_a_year_turns_its_provisional_days_manual(office):
    load_provisional_year(actor=None, calendar=office, year=2027)
    count = confirm_year(actor=None, calendar=office, year=2027)
    assert count == CalendarDay.objects.count() > 0
    assert set(CalendarDay.objects.values_list("source", flat=True)) == {DaySource.MANUAL}


def test_the_loaded_calendar_uses_the_adjusted_days_and_holidays(office):
    ensure_years(actor=None, calendar=office, years=[2026])
    working = working_calendar(calendar_by_code("office"))
    assert date(2026, 10, 10) in working.workdays
    assert date(2026, 10, 1) in working.holidays
    assert working.periods_on(date(2026, 10, 10)) == OFFICE[0]
    ranged = working_calendar(office, since=date(2026, 10, 1), until=date(2026, 10, 7))
    assert ranged.workdays == frozenset()
    with pytest.raises(NotFound):
        calendar_by_code("nope")


def test_an_agent_may_not_change_a_calendar(cast, office):
    with pytest.raises(NotPermitted):
        set_day(actor=cast.agent, calendar=office, on=date(2026, 12, 24), kind=DayKind.HOLIDAY)
    with pytest.raises(NotPermitted):
        ensure_years(actor=cast.agent, calendar=office, years=[2026])


def test_only_users_with_the_view_permission_see_calendars(cast, office, anonymous):
    assert list(BusinessCalendar.objects.visible_to(anonymous)) == []
    assert list(BusinessCalendar.objects.visible_to(cast.partner)) == []
    assert list(BusinessCalendar.objects.visible_to(cast.handler)) == []
    assert list(BusinessCalendar.objects.visible_to(cast.agent)) == [office]
    assert list(BusinessCalendar.objects.visible_to(cast.admin)) == [office]
