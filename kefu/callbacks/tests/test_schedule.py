"""The care calendar (关怀日程) is pure date math."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kefu.callbacks.schedule import (
    birthday_in,
    birthday_pairs,
    closing_dates,
    is_due_again,
    member_days_in,
    runs_on,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def test_rules_run_on_their_weekdays_or_every_day():
    assert runs_on([2, 3], date(2026, 11, 25))  # Wednesday
    assert not runs_on([2, 3], date(2026, 11, 27))  # Friday
    assert runs_on([], date(2026, 11, 27))


def test_a_leap_day_birthday_falls_on_the_28th_in_a_common_year():
    assert birthday_in(date(2000, 2, 29), date(2027, 2, 25), 7) == date(2027, 2, 28)
    assert (2, 29) in birthday_pairs(date(2027, 2, 25), 7)
    assert birthday_in(date(2000, 2, 29), date(2028, 2, 25), 7) == date(2028, 2, 29)


def test_a_week_crossing_the_new_year_finds_january_birthdays():
    assert birthday_in(date(1990, 1, 2), date(2026, 12, 30), 7) == date(2027, 1, 2)


def test_a_member_day_beyond_a_short_month_falls_on_its_last_day():
    found = member_days_in(date(2026, 11, 30), 2)
    assert found[30] == found[31] == date(2026, 11, 30)
    assert found[1] == date(2026, 12, 1)


def test_closing_dates_catch_up_a_week():
    assert closing_dates(date(2026, 11, 25), 7) == (date(2026, 11, 11), date(2026, 11, 18))


@given(days, st.integers(min_value=1, max_value=31), days)
def test_a_birthday_found_in_the_window_is_inside_it(start, span, born):
    found = birthday_in(born, start, span)
    if found is not None:
        assert start <= found < start + timedelta(days=span)
        assert (born.month, born.day) in birthday_pairs(start, span)


@given(days, st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=800))
def test_periodic_care_is_due_exactly_after_the_interval(last, interval, later):
    day = last + timedelta(days=later)
    assert is_due_again(last, day, interval) == (later >= interval)
    assert is_due_again(None, day, interval)
    assert not is_due_again(None, day, 0)
