"""Deadline stages (时限阶段): when the watcher acts next. Pure: no Django.

A deadline moves through stages, one watcher step each:
0 → 1 at the warning time (预警), 1 → 2 at the due time (超时, first escalation level),
2 → 3, 3 → 4 … every ``escalate_every`` after the due time, one level of the escalation chain
each, until the chain is used up. Stage ``s ≥ 2`` escalates to ``chain[s - 2]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

WARNED = 1
BREACHED = 2


def last_stage(chain: Sequence[str]) -> int:
    """The final stage: the breach (to the first level, or to nobody) plus one per level."""
    return BREACHED + max(len(chain) - 1, 0)


def time_of_stage(
    stage: int, *, warn_at: datetime | None, due_at: datetime, escalate_every: timedelta
) -> datetime:
    """When stage ``stage`` (1, 2, 3 …) is reached."""
    if stage == WARNED:
        return warn_at if warn_at is not None and warn_at < due_at else due_at
    return due_at + (stage - BREACHED) * escalate_every


def next_check(
    stage: int,
    *,
    warn_at: datetime | None,
    due_at: datetime | None,
    escalate_every: timedelta,
    chain: Sequence[str],
) -> datetime | None:
    """When the watcher next acts on a deadline now at ``stage``; ``None`` when it never
    will (paused, or every level already notified)."""
    if due_at is None or stage >= last_stage(chain):
        return None
    nxt = stage + 1
    if nxt == WARNED and (warn_at is None or warn_at >= due_at):
        nxt = BREACHED  # no warning before the due time: the next step is the breach
    return time_of_stage(nxt, warn_at=warn_at, due_at=due_at, escalate_every=escalate_every)


def stage_reached(
    stage: int,
    at: datetime,
    *,
    warn_at: datetime | None,
    due_at: datetime,
    escalate_every: timedelta,
    chain: Sequence[str],
) -> int:
    """The stage after ``stage`` that is due at ``at`` (skipping the warning when the deadline
    has already passed: a late watcher does not send a stale warning before the breach)."""
    if stage < BREACHED and at >= due_at:
        return BREACHED
    nxt = stage + 1
    if nxt == WARNED and (warn_at is None or warn_at >= due_at):
        nxt = BREACHED
    return min(nxt, last_stage(chain))
