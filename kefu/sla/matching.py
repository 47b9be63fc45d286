"""Choosing an SLA policy (匹配服务时限标准). Pure: no Django.

A policy names a work order type, a priority and a customer grade, each of which may be left
blank to mean "any". The policy that names the most of the work order's own values wins; a
tie goes to the policy listed first (lowest id). A policy naming a value the work order does
not have never applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyKey:
    """What a policy applies to; an empty string is "any"."""

    id: int
    ticket_type: str
    priority: str
    customer_grade: str


def _score(policy: PolicyKey, ticket_type: str, priority: str, grade: str) -> int | None:
    score = 0
    for wanted, actual, weight in (
        (policy.ticket_type, ticket_type, 4),
        (policy.priority, priority, 2),
        (policy.customer_grade, grade, 1),
    ):
        if wanted:
            if wanted != actual:
                return None
            score += weight
    return score


def best_policy(
    policies: Iterable[PolicyKey], *, ticket_type: str, priority: str, grade: str
) -> PolicyKey | None:
    """The most specific policy for the work order, or ``None`` when none applies.

    Type outweighs priority, which outweighs grade: a policy for complaints beats one for
    urgent work of any type.
    """
    best: tuple[int, int] | None = None
    chosen: PolicyKey | None = None
    for policy in policies:
        score = _score(policy, ticket_type, priority, grade)
        if score is None:
            continue
        rank = (score, -policy.id)
        if best is None or rank > best:
            best, chosen = rank, policy
    return chosen
