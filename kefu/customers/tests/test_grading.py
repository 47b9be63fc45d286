"""The pure grade rules (等级规则): properties over any spend, visits and thresholds."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kefu.customers.choices import Grade
from kefu.customers.grading import (
    GRADES,
    NEGATIVE,
    NOT_DESCENDING,
    UNKNOWN_GRADE,
    Threshold,
    compute_grade,
    rank,
    threshold_problems,
)

DEFAULTS = [
    Threshold("A", Decimal("10000"), 12),
    Threshold("B", Decimal("3000"), 4),
    Threshold("C", Decimal("0"), 0),
]

money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def descending_thresholds(draw):
    """A, B, C thresholds where a higher grade never asks for less than a lower one."""
    spends = sorted((draw(money) for _ in GRADES), reverse=True)
    visits = sorted((draw(counts) for _ in GRADES), reverse=True)
    return [Threshold(g, s, v) for g, s, v in zip(GRADES, spends, visits, strict=True)]


def test_grades_of_the_pure_module_match_the_model_choices():
    assert list(GRADES) == list(Grade.values)


def test_a_customer_meeting_both_a_thresholds_is_grade_a():
    assert compute_grade(spend=Decimal("10000"), visits=12, thresholds=DEFAULTS) == "A"


def test_spend_alone_does_not_earn_a_grade_without_the_visits():
    assert compute_grade(spend=Decimal("50000"), visits=3, thresholds=DEFAULTS) == "C"


def test_without_any_rule_every_customer_gets_the_lowest_grade():
    assert compute_grade(spend=Decimal("99999"), visits=99, thresholds=[]) == "C"


@given(spend=money, visits=counts, thresholds=descending_thresholds())
def test_the_grade_is_always_a_known_grade_whose_thresholds_are_met(spend, visits, thresholds):
    grade = compute_grade(spend=spend, visits=visits, thresholds=thresholds)
    assert grade in GRADES
    rule = {t.grade: t for t in thresholds}[grade]
    assert grade == "C" or (spend >= rule.min_spend and visits >= rule.min_visits)


@given(spend=money, visits=counts, thresholds=descending_thresholds())
def test_no_higher_grade_is_earned_than_the_one_given(spend, visits, thresholds):
    grade = compute_grade(spend=spend, visits=visits, thresholds=thresholds)
    for higher in thresholds[: rank(grade)]:
        assert spend < higher.min_spend or visits < higher.min_visits


@given(
    spend=money,
    visits=counts,
    more_spend=money,
    more_visits=counts,
    thresholds=descending_thresholds(),
)
def test_more_spend_or_visits_never_lowers_the_grade(
    spend, visits, more_spend, more_visits, thresholds
):
    before = compute_grade(spend=spend, visits=visits, thresholds=thresholds)
    after = compute_grade(
        spend=spend + more_spend, visits=visits + more_visits, thresholds=thresholds
    )
    assert rank(after) <= rank(before)


@given(spend=money, visits=counts, thresholds=descending_thresholds(), data=st.data())
def test_the_order_of_the_rules_does_not_matter(spend, visits, thresholds, data):
    shuffled = data.draw(st.permutations(thresholds))
    assert compute_grade(spend=spend, visits=visits, thresholds=shuffled) == compute_grade(
        spend=spend, visits=visits, thresholds=thresholds
    )


@given(thresholds=descending_thresholds())
def test_descending_thresholds_have_no_problems(thresholds):
    assert threshold_problems({t.grade: (t.min_spend, t.min_visits) for t in thresholds}) == {}


def test_threshold_problems_name_unknown_negative_and_inverted_grades():
    problems = threshold_problems(
        {
            "A": (Decimal("100"), 1),
            "B": (Decimal("500"), 2),
            "C": (Decimal("-1"), 0),
            "S": (Decimal("0"), 0),
        }
    )
    assert problems == {
        "A": NOT_DESCENDING,
        "B": NOT_DESCENDING,
        "C": NEGATIVE,
        "S": UNKNOWN_GRADE,
    }
