"""The pure rules: which policy applies, and when the watcher acts next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kefu.deadlines.stages import BREACHED, WARNED, last_stage, next_check, stage_reached
from kefu.sla.matching import PolicyKey, best_policy

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DUE = T0 + timedelta(hours=1)
WARN = T0 + timedelta(minutes=48)
HOUR = timedelta(hours=1)
CHAIN = ["supervisor", "manager", "senior_manager"]

POLICIES = [
    PolicyKey(1, "", "", ""),
    PolicyKey(2, "", "urgent", ""),
    PolicyKey(3, "", "", "A"),
    PolicyKey(4, "complaint", "", ""),
    PolicyKey(5, "complaint", "urgent", ""),
    PolicyKey(6, "complaint", "", ""),  # a later duplicate never beats the first
]


def chosen(kind: str, priority: str, grade: str) -> int | None:
    policy = best_policy(POLICIES, ticket_type=kind, priority=priority, grade=grade)
    return policy.id if policy else None


def test_the_most_specific_policy_wins_type_over_priority_over_grade():
    assert chosen("consultation", "low", "C") == 1
    assert chosen("consultation", "urgent", "A") == 2
    assert chosen("repair", "low", "A") == 3
    assert chosen("complaint", "low", "A") == 4
    assert chosen("complaint", "urgent", "A") == 5
    assert best_policy([PolicyKey(9, "repair", "", "")], ticket_type="complaint",
                       priority="low", grade="") is None  # fmt: skip


def test_stages_warn_then_breach_then_climb_the_chain_once_each():
    check: dict[str, Any] = {"warn_at": WARN, "due_at": DUE, "escalate_every": HOUR, "chain": CHAIN}
    assert next_check(0, **check) == WARN
    assert next_check(WARNED, **check) == DUE
    assert next_check(BREACHED, **check) == DUE + HOUR
    assert next_check(BREACHED + 1, **check) == DUE + 2 * HOUR
    assert next_check(last_stage(CHAIN), **check) is None
    assert last_stage(CHAIN) == BREACHED + 2
    assert next_check(0, warn_at=None, due_at=None, escalate_every=HOUR, chain=CHAIN) is None


def test_a_late_watcher_skips_the_stale_warning():
    kwargs: dict[str, Any] = {
        "warn_at": WARN,
        "due_at": DUE,
        "escalate_every": HOUR,
        "chain": CHAIN,
    }
    assert stage_reached(0, WARN, **kwargs) == WARNED
    assert stage_reached(0, DUE + timedelta(minutes=5), **kwargs) == BREACHED
    assert stage_reached(WARNED, DUE, **kwargs) == BREACHED
    assert stage_reached(BREACHED, DUE + HOUR, **kwargs) == BREACHED + 1


@given(st.lists(st.sampled_from(CHAIN), max_size=3), st.integers(min_value=0, max_value=600))
def test_every_stage_is_checked_later_than_the_one_before(chain, warn_minutes):
    warn = T0 + timedelta(minutes=warn_minutes)
    times = []
    stage = 0
    while (at := next_check(stage, warn_at=warn, due_at=DUE, escalate_every=HOUR,
                            chain=chain)) is not None:  # fmt: skip
        times.append(at)
        stage = stage_reached(stage, at, warn_at=warn, due_at=DUE, escalate_every=HOUR, chain=chain)
    assert times == sorted(times)
    assert len(times) == len(set(times))
    assert stage == last_stage(chain)
