"""``kefu calendar due``/``load`` and the holiday items of ``kefu check``."""

import contextlib
import io
from datetime import date, time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kefu.core import checks
from kefu.core.checks import Status
from kefu.sla.choices import DaySource
from kefu.sla.models import CalendarDay
from kefu.sla.services import confirm_year, create_calendar, ensure_years
from kefu.web.demo.calendars import ensure_calendars

OFFICE = {weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)}


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("calendar", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def office(db):
    return ensure_calendars(today=date(2026, 11, 23), actor=None)


def test_due_prints_the_example_in_iso_8601(office):
    out, err = _run(
        "due", "--start", "2026-09-30T16:00", "--working-hours", "24", "--calendar", "office"
    )
    assert out == "2026-10-10T16:00:00+08:00\n"
    assert err == ""


def test_due_adds_hours_and_minutes_and_keeps_a_given_offset(office):
    out, _ = _run(
        "due",
        "--start",
        "2026-11-23T09:00+08:00",
        "--working-hours",
        "1",
        "--working-minutes",
        "30",
        "--calendar",
        "office",
    )
    assert out == "2026-11-23T10:30:00+08:00\n"


def test_due_warns_when_the_years_holidays_are_not_loaded(office):
    _out, err = _run(
        "due", "--start", "2028-03-01T09:00", "--working-hours", "1", "--calendar", "office"
    )
    assert "kefu calendar load --calendar office --year 2028" in err


def test_due_refuses_an_unknown_calendar_or_no_duration(office):
    with pytest.raises(CommandError, match="nope"):
        _run("due", "--start", "2026-09-30T16:00", "--working-hours", "1", "--calendar", "nope")
    with pytest.raises(CommandError, match="working"):
        _run("due", "--start", "2026-09-30T16:00", "--calendar", "office")
    with pytest.raises(CommandError, match="ISO"):
        _run("due", "--start", "yesterday", "--working-hours", "1", "--calendar", "office")


def test_load_picks_official_or_provisional(db):
    create_calendar(actor=None, code="desk", name="前台", weekly_hours=OFFICE)
    out, _ = _run("load", "--calendar", "desk", "--year", "2026")
    assert out.startswith("desk 2026: ")
    assert "(official)" in out
    out, _ = _run("load", "--calendar", "desk", "--year", "2027")
    assert "(provisional)" in out
    out, _ = _run("load", "--calendar", "desk", "--year", "2027")
    assert "nothing to do" in out
    with pytest.raises(CommandError, match="2027"):
        _run("load", "--calendar", "desk", "--year", "2027", "--official")


def test_the_demo_office_calendar_has_2026_official_and_2027_provisional(office):
    assert office.periods.count() == 10
    sources = dict(
        CalendarDay.objects.filter(calendar=office, date__year=2027)
        .values_list("source", "calendar")
        .distinct()
    )
    assert set(sources) == {DaySource.PROVISIONAL}
    assert CalendarDay.objects.filter(date=date(2026, 10, 10), source="official").exists()
    again = ensure_calendars(today=date(2026, 11, 23), actor=None)
    assert again == office


# ---- kefu check -------------------------------------------------------------------------


def _check_lines() -> list[str]:
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("kefu_check", stdout=out)
    return out.getvalue().splitlines()


def test_check_warns_that_a_provisional_year_needs_its_official_schedule(office, monkeypatch):
    monkeypatch.setattr("kefu.core.clock.today", lambda: date(2026, 11, 23))
    lines = _check_lines()
    warn = [line for line in lines if line.startswith("WARN  holiday calendar 2027: ")]
    assert len(warn) == 1
    assert "2027" in warn[0].split(": ", 1)[1]
    assert "调休" in warn[0]
    assert checks.check_holiday_calendar(2027)[0] == Status.WARN


def test_a_year_entered_and_confirmed_in_the_database_counts_as_covered(office):
    confirm_year(actor=None, calendar=office, year=2027)
    status, message = checks.check_holiday_calendar(2027)
    assert status == Status.OK
    assert "office" in message


def test_a_year_with_no_rows_is_not_covered_by_the_database(db):
    calendar = create_calendar(actor=None, code="desk", name="前台", weekly_hours=OFFICE)
    ensure_years(actor=None, calendar=calendar, years=[2026])
    assert checks.check_holiday_calendar(2028)[0] == Status.WARN
