"""Grade rules (等级规则): a customer's grade from 12-month spend and visits. Pure: no ORM.

A grade is earned when both the spend and the visits of the last 12 months reach its
thresholds. The highest earned grade wins; a customer who earns none gets the lowest grade.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# Highest first. Mirrors kefu.customers.choices.Grade (a test keeps them equal); this module
# must not import Django's ORM, which the choices module does.
GRADES: tuple[str, ...] = ("A", "B", "C")
LOWEST_GRADE = GRADES[-1]


@dataclass(frozen=True)
class Threshold:
    """What a grade needs: at least ``min_spend`` and at least ``min_visits`` in 12 months."""

    grade: str
    min_spend: Decimal
    min_visits: int


def compute_grade(*, spend: Decimal, visits: int, thresholds: Iterable[Threshold]) -> str:
    """The highest grade whose spend and visit thresholds are both met."""
    by_grade = {t.grade: t for t in thresholds}
    for grade in GRADES:
        rule = by_grade.get(grade)
        if rule is not None and spend >= rule.min_spend and visits >= rule.min_visits:
            return grade
    return LOWEST_GRADE


def rank(grade: str) -> int:
    """0 for the highest grade; unknown grades rank below the lowest."""
    return GRADES.index(grade) if grade in GRADES else len(GRADES)


# Problems found by ``threshold_problems``; the service turns them into translated messages.
UNKNOWN_GRADE = "unknown_grade"
NEGATIVE = "negative"
NOT_DESCENDING = "not_descending"


def threshold_problems(thresholds: Mapping[str, tuple[Decimal, int]]) -> dict[str, str]:
    """Check a complete set of thresholds: {grade: problem} for each grade that is wrong.

    Every grade must be known and non-negative, and a higher grade may not ask for less spend
    or fewer visits than the next lower one (else the lower grade could never be reached);
    such a pair is reported on both grades.
    """
    problems: dict[str, str] = {}
    for grade, (spend, visits) in thresholds.items():
        if grade not in GRADES:
            problems[grade] = UNKNOWN_GRADE
        elif spend < 0 or visits < 0:
            problems[grade] = NEGATIVE
    known = [g for g in GRADES if g in thresholds and g not in problems]
    for higher, lower in itertools.pairwise(known):
        h_spend, h_visits = thresholds[higher]
        l_spend, l_visits = thresholds[lower]
        if h_spend < l_spend or h_visits < l_visits:
            problems[higher] = problems[lower] = NOT_DESCENDING
    return problems
