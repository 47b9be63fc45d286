"""Working-time arithmetic (``kefu.sla.calendar``): hand-computed cases and properties."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from holidays import country_holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu.sla.calendar import (
    NoWorkingTime,
    WorkingCalendar,
    add_working_time,
    is_working_time,
    next_working_moment,
    working_minutes_between,
    working_time_between,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = {weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)}

# The real schedule: 2026 official (chinese-calendar), 2027 provisional (python-holidays).
HOLIDAYS = frozenset(
    {d for d in chinese_calendar.holidays if d.year == 2026}
    | set(country_holidays("CN", years=2027))
)
WORKDAYS = frozenset(d for d in chinese_calendar.workdays if d.year == 2026)
ADJUSTED_2026 = sorted(WORKDAYS)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def office(**kwargs) -> WorkingCalendar:
    return WorkingCalendar(SHANGHAI, OFFICE, HOLIDAYS, WORKDAYS, **kwargs)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


# ---- hand-computed cases ----------------------------------------------------------------


def test_the_2026_schedule_has_the_national_day_holiday_and_its_adjusted_working_days():
    assert {date(2026, 10, d) for d in range(1, 8)} <= HOLIDAYS
    assert date(2026, 9, 20) in WORKDAYS  # Sunday before 国庆
    assert date(2026, 10, 10) in WORKDAYS  # Saturday after 国庆


def test_time_within_one_period_is_added_directly():
    assert add_working_time(at(2026, 11, 23, 9, 30), hours(2), office()) == at(2026, 11, 23, 11, 30)


def test_the_lunch_break_is_skipped():
    assert add_working_time(at(2026, 11, 23, 11), hours(2), office()) == at(2026, 11, 23, 14)


def test_time_that_uses_up_a_period_ends_at_its_end_not_at_the_next_start():
    assert add_working_time(at(2026, 11, 23, 16), hours(2), office()) == at(2026, 11, 23, 18)
    assert add_working_time(at(2026, 11, 23, 11), hours(1), office()) == at(2026, 11, 23, 12)


def test_counting_starts_at_the_next_working_moment_outside_hours():
    assert add_working_time(at(2026, 11, 23, 7), hours(1), office()) == at(2026, 11, 23, 10)
    assert add_working_time(at(2026, 11, 23, 12, 30), hours(1), office()) == at(2026, 11, 23, 14)
    assert add_working_time(at(2026, 11, 23, 20), hours(1), office()) == at(2026, 11, 24, 10)


def test_the_weekend_is_skipped():
    # Friday 2026-11-27 17:00 + 2 h → Monday 2026-11-30 10:00.
    assert add_working_time(at(2026, 11, 27, 17), hours(2), office()) == at(2026, 11, 30, 10)


def test_national_day_is_skipped_and_the_adjusted_saturday_counts():
    # Wed 09-30 16:00–18:00 = 2 h; 10-01…10-07 off; Thu 10-08 8 h; Fri 10-09 8 h;
    # Sat 10-10 is a 调休 working day with weekday hours: 09–12 (3 h) and 13–16 (3 h) = 24 h.
    due = add_working_time(at(2026, 9, 30, 16), hours(24), office())
    assert due == at(2026, 10, 10, 16)
    assert due.isoformat() == "2026-10-10T16:00:00+08:00"


def test_an_adjusted_sunday_counts_with_weekday_hours():
    # Fri 2026-09-18 17:00: 1 h on Friday, Sat 09-19 is off, Sun 09-20 is a 调休 working day.
    assert add_working_time(at(2026, 9, 18, 17), hours(2), office()) == at(2026, 9, 20, 10)
    assert working_time_between(at(2026, 9, 20), at(2026, 9, 21), office()) == hours(8)


def test_without_the_adjusted_days_the_weekend_after_national_day_is_skipped():
    plain = WorkingCalendar(SHANGHAI, OFFICE, HOLIDAYS, frozenset())
    assert add_working_time(at(2026, 9, 30, 16), hours(24), plain) == at(2026, 10, 12, 16)


def test_a_holiday_on_a_weekday_has_no_working_time():
    assert working_time_between(at(2026, 10, 1), at(2026, 10, 8), office()) == timedelta(0)
    assert not is_working_time(at(2026, 10, 5, 10), office())


def test_the_spring_festival_2027_from_python_holidays_is_skipped():
    # Thu 2027-02-04 17:00: 1 h; 02-05…02-10 are provisional holidays (Fri, weekend, Mon–Wed).
    assert add_working_time(at(2027, 2, 4, 17), hours(2), office()) == at(2027, 2, 11, 10)


def test_24x7_counts_every_hour_including_holidays():
    always = office(is_24x7=True)
    assert add_working_time(at(2026, 9, 30, 16), hours(24), always) == at(2026, 10, 1, 16)
    assert working_time_between(at(2026, 10, 1), at(2026, 10, 8), always) == timedelta(days=7)
    assert is_working_time(at(2026, 10, 3, 3), always)


def test_24x7_across_a_daylight_saving_change_counts_real_time():
    berlin = ZoneInfo("Europe/Berlin")
    always = WorkingCalendar(berlin, is_24x7=True)
    start = datetime(2026, 3, 28, 12, tzinfo=berlin)  # clocks go forward on 03-29
    due = add_working_time(start, hours(24), always)
    assert due == datetime(2026, 3, 29, 13, tzinfo=berlin)
    assert working_time_between(start, due, always) == hours(24)


def test_a_period_ending_at_midnight_runs_to_the_end_of_the_day():
    evening = WorkingCalendar(SHANGHAI, {d: [(time(20), time(0))] for d in range(7)})
    assert add_working_time(at(2026, 11, 23, 23), hours(2), evening) == at(2026, 11, 24, 21)
    assert add_working_time(at(2026, 11, 23, 22), hours(2), evening) == at(2026, 11, 24, 0)
    assert is_working_time(at(2026, 11, 23, 23, 59), evening)
    assert not is_working_time(at(2026, 11, 24, 0), evening)


def test_working_time_between_counts_only_working_periods():
    monday_to_friday = working_time_between(at(2026, 11, 23, 8), at(2026, 11, 27, 20), office())
    assert monday_to_friday == hours(40)
    assert (
        working_minutes_between(at(2026, 11, 23, 11, 30), at(2026, 11, 23, 13, 15), office()) == 45
    )
    assert working_time_between(at(2026, 11, 24), at(2026, 11, 23), office()) == -hours(8)


def test_is_working_time_includes_the_start_and_excludes_the_end_of_a_period():
    assert is_working_time(at(2026, 11, 23, 9), office())
    assert not is_working_time(at(2026, 11, 23, 12), office())
    assert not is_working_time(at(2026, 11, 28, 10), office())  # Saturday
    assert is_working_time(at(2026, 10, 10, 10), office())  # 调休 Saturday


def test_next_working_moment():
    assert next_working_moment(at(2026, 11, 23, 10), office()) == at(2026, 11, 23, 10)
    assert next_working_moment(at(2026, 11, 23, 12, 5), office()) == at(2026, 11, 23, 13)
    assert next_working_moment(at(2026, 9, 30, 18), office()) == at(2026, 10, 8, 9)


def test_adding_zero_returns_the_start_and_negative_time_is_refused():
    assert add_working_time(at(2026, 11, 28, 3), timedelta(0), office()) == at(2026, 11, 28, 3)
    with pytest.raises(ValueError, match="negative"):
        add_working_time(at(2026, 11, 23), -hours(1), office())


def test_a_calendar_without_working_hours_gives_up_instead_of_looping():
    with pytest.raises(NoWorkingTime):
        add_working_time(at(2026, 11, 23), hours(1), WorkingCalendar(SHANGHAI))


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        add_working_time(datetime(2026, 11, 23, 9), hours(1), office())


def test_overlapping_or_reversed_periods_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        WorkingCalendar(SHANGHAI, {0: [(time(9), time(12)), (time(11), time(18))]})
    with pytest.raises(ValueError, match="ends before"):
        WorkingCalendar(SHANGHAI, {0: [(time(12), time(9))]})
    with pytest.raises(ValueError, match="weekday"):
        WorkingCalendar(SHANGHAI, {7: [(time(9), time(12))]})


# ---- properties -------------------------------------------------------------------------


def _minute(n: int) -> time:
    return time(0) if n == 24 * 60 else time(n // 60, n % 60)


@st.composite
def weekly_hours(draw: st.DrawFn) -> dict[int, list[tuple[time, time]]]:
    """Random working periods per weekday on a 15-minute grid, possibly up to midnight."""
    week: dict[int, list[tuple[time, time]]] = {}
    for weekday in range(7):
        marks = draw(st.lists(st.integers(0, 96), min_size=0, max_size=6, unique=True).map(sorted))
        marks = marks[: len(marks) // 2 * 2]
        periods = [
            (_minute(marks[i] * 15), _minute(marks[i + 1] * 15)) for i in range(0, len(marks), 2)
        ]
        if periods:
            week[weekday] = periods
    if not any(week.get(weekday) for weekday in range(7)):
        week[0] = [(time(9), time(17))]
    if not week.get(0):  # 调休 days use Monday's hours; let them have some
        week[0] = [(time(8, 30), time(12)), (time(13), time(17))]
    return week


def _weekly_minutes(week: dict[int, list[tuple[time, time]]]) -> int:
    total = 0
    for periods in week.values():
        for start, end in periods:
            end_minutes = 24 * 60 if end == time(0) else end.hour * 60 + end.minute
            total += end_minutes - (start.hour * 60 + start.minute)
    return total


starts = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 10, 31), timezones=st.just(SHANGHAI)
)


@settings(max_examples=150, deadline=None)
@given(week=weekly_hours(), start=starts, data=st.data())
def test_adding_n_working_minutes_then_measuring_gives_n(week, start, data):
    calendar = WorkingCalendar(SHANGHAI, week, HOLIDAYS, WORKDAYS)
    n = data.draw(st.integers(1, _weekly_minutes(week) * 6), label="minutes")
    due = add_working_time(start, timedelta(minutes=n), calendar)
    assert due > start
    assert working_time_between(start, due, calendar) == timedelta(minutes=n)


@settings(max_examples=150, deadline=None)
@given(week=weekly_hours(), start=starts, data=st.data())
def test_a_result_never_falls_on_a_holiday_or_outside_hours(week, start, data):
    calendar = WorkingCalendar(SHANGHAI, week, HOLIDAYS, WORKDAYS)
    n = data.draw(st.integers(1, _weekly_minutes(week) * 6), label="minutes")
    due = add_working_time(start, timedelta(minutes=n), calendar)
    # The last working instant before the due time: inside a period of a working day.
    last = due - timedelta(microseconds=1)
    day = last.date()
    assert day not in HOLIDAYS or day in WORKDAYS
    periods = week.get(0, []) if day in WORKDAYS else week.get(day.weekday(), [])
    wall = last.time()
    assert any(s <= wall and (e == time(0) or wall < e) for s, e in periods), (day, wall, periods)
    assert is_working_time(last, calendar)


@settings(max_examples=100, deadline=None)
@given(week=weekly_hours(), day=st.sampled_from(ADJUSTED_2026))
def test_an_adjusted_working_day_counts_with_mondays_hours(week, day):
    calendar = WorkingCalendar(SHANGHAI, week, HOLIDAYS, WORKDAYS)
    midnight = datetime.combine(day, time(0), tzinfo=SHANGHAI)
    counted = working_time_between(midnight, midnight + timedelta(days=1), calendar)
    assert counted == timedelta(minutes=_weekly_minutes({0: week[0]}))


@settings(max_examples=100, deadline=None)
@given(week=weekly_hours(), day=st.sampled_from(sorted(HOLIDAYS - WORKDAYS)))
def test_a_holiday_has_no_working_time(week, day):
    calendar = WorkingCalendar(SHANGHAI, week, HOLIDAYS, WORKDAYS)
    midnight = datetime.combine(day, time(0), tzinfo=SHANGHAI)
    assert working_time_between(midnight, midnight + timedelta(days=1), calendar) == timedelta(0)


@settings(max_examples=100, deadline=None)
@given(week=weekly_hours(), start=starts, data=st.data())
def test_adding_in_two_steps_equals_adding_at_once(week, start, data):
    calendar = WorkingCalendar(SHANGHAI, week, HOLIDAYS, WORKDAYS)
    limit = _weekly_minutes(week) * 3
    a = data.draw(st.integers(1, limit), label="a")
    b = data.draw(st.integers(1, limit), label="b")
    once = add_working_time(start, timedelta(minutes=a + b), calendar)
    twice = add_working_time(
        add_working_time(start, timedelta(minutes=a), calendar), timedelta(minutes=b), calendar
    )
    assert once == twice
