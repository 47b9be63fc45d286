"""KPI formulas (考核指标公式), pure: hand-computed figures, empty periods, properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kefu.kpis import formulas
from kefu.kpis.formulas import Figure
from kefu.kpis.periods import bucket_start, buckets, next_bucket


def test_satisfaction_rate_is_very_satisfied_plus_satisfied_over_surveyed():
    # Seed 001: 非常满意 12 + 满意 25 of 40 surveyed = 92.5%.
    figure = formulas.satisfaction_rate(very_satisfied_and_satisfied=37, surveyed=40)
    assert figure == Figure(Decimal("92.5"), 37, 40)
    assert formulas.display(figure.value, "%") == "92.5%"


def test_complaint_resolution_and_service_error_rates_follow_seed_001():
    assert formulas.complaint_resolution_rate(resolved_complaints=7, complaints=8).value == Decimal(
        "87.5"
    )
    assert formulas.service_error_rate(errors=3, services=1200).value == Decimal("0.3")
    assert formulas.complaint_rate(complaints=1, work_orders=3).value == Decimal("33.3")
    assert formulas.complaint_rate(complaints=2, work_orders=3).value == Decimal("66.7")


@pytest.mark.parametrize(
    "figure",
    [
        formulas.satisfaction_rate(very_satisfied_and_satisfied=0, surveyed=0),
        formulas.complaint_resolution_rate(resolved_complaints=0, complaints=0),
        formulas.service_error_rate(errors=2, services=0),
        formulas.sla_compliance(met_on_time=0, due=0),
        formulas.callback_completion(done=0, due=0),
        formulas.reopen_rate(reopened=0, resolved=0),
        formulas.first_contact_resolution(resolved_first_time=0, resolved=0),
        formulas.partner_timeliness(answered_on_time=0, due=0),
        formulas.mean_minutes(total_minutes=0, responses=0),
        formulas.percentile_minutes([], 50),
    ],
)
def test_an_empty_period_has_no_value_and_shows_a_dash(figure):
    assert figure.value is None
    assert formulas.display(figure.value, "%") == "—"
    assert formulas.display(figure.value, "min") == "—"


def test_rates_round_half_up_to_one_decimal():
    assert formulas.rate(1, 8).value == Decimal("12.5")
    assert formulas.rate(1, 16).value == Decimal("6.3")  # 6.25 → 6.3
    assert formulas.rate(5, 5).value == Decimal("100.0")


def test_a_negative_count_is_a_programming_error():
    with pytest.raises(ValueError, match="negative"):
        formulas.rate(-1, 3)
    with pytest.raises(ValueError, match="negative"):
        formulas.count(-1)


def test_mean_and_percentiles_of_first_responses_by_nearest_rank():
    minutes = [5, 1, 9, 3, 7, 30, 2, 4, 6, 8]
    assert formulas.mean_minutes(total_minutes=sum(minutes), responses=10) == Figure(
        Decimal("7.5"), 75, 10
    )
    # Sorted: 1 2 3 4 5 6 7 8 9 30; median = rank 5, p90 = rank 9.
    assert formulas.percentile_minutes(minutes, 50) == Figure(Decimal("5.0"), None, 10)
    assert formulas.percentile_minutes(minutes, 90) == Figure(Decimal("9.0"), None, 10)
    assert formulas.percentile_minutes([42], 90).value == Decimal("42.0")
    assert formulas.percentile_rank(3, 50) == 2


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_rate_lies_between_zero_and_a_hundred_when_the_part_is_within_the_whole(a, b):
    part, whole = min(a, b), max(a, b)
    figure = formulas.rate(part, whole)
    if whole == 0:
        assert figure.value is None
    else:
        assert figure.value is not None
        assert Decimal(0) <= figure.value <= Decimal(100)
        assert abs(figure.value - Decimal(part) * 100 / Decimal(whole)) <= Decimal("0.05")


@given(st.lists(st.integers(0, 100_000), min_size=1, max_size=60), st.integers(1, 100))
def test_a_percentile_is_one_of_the_values_and_grows_with_the_percent(values, percent):
    figure = formulas.percentile_minutes(values, percent)
    assert figure.value in {Decimal(v) for v in values}
    assert figure.value is not None
    lower = formulas.percentile_minutes(values, max(1, percent // 2)).value
    assert lower is not None
    assert figure.value >= lower


def test_period_buckets_start_on_monday_month_quarter_and_year():
    import datetime as dt

    day = dt.date(2026, 11, 19)  # a Thursday
    assert bucket_start(day, "week") == dt.date(2026, 11, 16)
    assert bucket_start(day, "quarter") == dt.date(2026, 10, 1)
    assert next_bucket(dt.date(2026, 12, 1), "month") == dt.date(2027, 1, 1)
    assert next_bucket(dt.date(2026, 10, 1), "quarter") == dt.date(2027, 1, 1)
    assert next(buckets(dt.date(2026, 11, 1), dt.date(2026, 12, 1), "week")) == (
        dt.date(2026, 10, 26),
        dt.date(2026, 11, 2),
    )
