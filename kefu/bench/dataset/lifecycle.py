"""Work order life cycles (工单生命周期): which steps a seeded work order took, and when. Pure.

Each shipped type has a few believable paths (transition codes of its real workflow; ``CALLBACK``
marks the callback recorded on the work order page). ``check_paths`` walks every path through
the workflow read from the database, so a path that the workflow would refuse fails seeding
instead of writing an impossible history. ``SlaClock`` replays the SLA deadlines of one work
order along its steps exactly as ``kefu.deadlines.services`` moves them (met, paused, resumed,
warned, breached, escalated), in whole seconds on the 24×7 clock of the shipped policies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kefu.deadlines.stages import BREACHED, WARNED, last_stage
from kefu.tickets.workflow import Workflow

CALLBACK = "@callback"

# type → (weight, transition codes); weights of one type add up to 1.
PATHS: dict[str, tuple[tuple[float, tuple[str, ...]], ...]] = {
    "consultation": (
        (0.82, ("answer", "confirm_satisfied")),
        (0.10, ("defer", "answer", "confirm_satisfied")),
        (0.08, ("answer", "still_questions", "answer", "confirm_satisfied")),
    ),
    "complaint": (
        (1.0, ("classify", "forward", "start_investigation", "submit_findings", "reply",
               "confirm_satisfied", CALLBACK, "archive")),
    ),
    "repair": ((1.0, ("dispatch", "start_repair", "complete_repair", "accept", CALLBACK,
                      "close")),),
    "after_sales": (
        (0.6, ("review", "approve", "record_return")),
        (0.2, ("review", "reject")),
        (0.2, ("request_photos", "receive_photos", "approve_quality_claim", "record_return")),
    ),
    "suggestion": (
        (0.6, ("reply",)),
        (0.25, ("forward", "adopt", "reply")),
        (0.15, ("forward", "decline", "reply")),
    ),
}  # fmt: skip

# Type mix (工单类型占比) and mean minutes between steps (first response, later steps).
TYPE_WEIGHTS: dict[str, float] = {
    "consultation": 0.45,
    "complaint": 0.12,
    "repair": 0.20,
    "after_sales": 0.13,
    "suggestion": 0.10,
}
GAP_MINUTES: dict[str, tuple[float, float]] = {
    "consultation": (25, 360),
    "complaint": (20, 150),
    "repair": (30, 420),
    "after_sales": (90, 600),
    "suggestion": (180, 1440),
}
CALLBACK_AFTER_MINUTES = 1440  # the callback comes about a day after the resolution
DONE = frozenset({"resolved", "closed"})
PAUSING = frozenset({"waiting_on_customer"})


@dataclass(frozen=True)
class Move:
    """One step of a path: transition code, from and to state, and the target's category."""

    code: str
    source: str
    target: str
    category: str
    fields: tuple[str, ...]
    effects: tuple[str, ...] = ()
    permission: str = ""


def check_paths(workflow: Workflow) -> list[tuple[float, tuple[Move, ...]]]:
    """The type's paths as moves through ``workflow``; ``ValueError`` if one is impossible."""
    initial = workflow.initial
    if initial is None:
        raise ValueError(f"workflow {workflow.type_code} has no initial state")
    result = []
    for weight, codes in PATHS[workflow.type_code]:
        state = initial.code
        moves: list[Move] = []
        for code in codes:
            if code == CALLBACK:
                moves.append(Move(CALLBACK, state, state, _category(workflow, state), ()))
                continue
            move = workflow.transition(code)
            if move is None or state not in move.sources:
                raise ValueError(f"{workflow.type_code}: {code} is not possible from {state}")
            target = workflow.state(move.target)
            assert target is not None  # validate() refuses a transition to an unknown state
            moves.append(
                Move(code, state, target.code, target.category.value, move.required_fields,
                     move.effects, move.permission)
            )  # fmt: skip
            state = target.code
        final = workflow.state(state)
        if final is None or not final.is_final:
            raise ValueError(f"{workflow.type_code}: path ends in {state}, not a final state")
        result.append((weight, tuple(moves)))
    return result


def _category(workflow: Workflow, code: str) -> str:
    state = workflow.state(code)
    assert state is not None
    return state.category.value


@dataclass
class Deadline:
    """One SLA deadline being replayed (times in epoch seconds)."""

    kind: str
    ref: str
    target: int  # minutes
    warn_percent: int
    every: int  # escalate every, minutes
    chain_length: int
    started: int
    running_since: int | None
    due: int | None = None
    warn: int | None = None
    spent: int = 0  # minutes
    stage: int = 0
    breached: int | None = None
    met: int | None = None
    used: int | None = None
    is_open: bool = True

    def run(self, at: int) -> None:
        """Start or resume the clock (``_run``)."""
        self.running_since = at
        self.due = at + max(self.target - self.spent, 0) * 60
        warn_minutes = self.target * self.warn_percent // 100 - self.spent
        self.warn = at + warn_minutes * 60 if self.stage == 0 and warn_minutes > 0 else None

    def watch(self, at: int) -> None:
        """What the watcher did up to ``at``: warning, breach, escalations."""
        if self.due is None:
            return
        if at >= self.due:
            if self.breached is None:
                self.breached = self.due
            every = max(self.every, 1) * 60
            reached = BREACHED + (at - self.due) // every
            self.stage = max(self.stage, min(reached, last_stage(["x"] * self.chain_length)))
        elif self.warn is not None and self.warn < self.due and at >= self.warn:
            self.stage = max(self.stage, WARNED)

    def next_check(self) -> int | None:
        """When the watcher acts next (``kefu.deadlines.stages.next_check``)."""
        if not self.is_open or self.due is None:
            return None
        if self.stage >= last_stage(["x"] * self.chain_length):
            return None
        following = self.stage + 1
        if following == WARNED and (self.warn is None or self.warn >= self.due):
            following = BREACHED
        if following == WARNED:
            return self.warn
        return self.due + (following - BREACHED) * self.every * 60

    def pause(self, at: int) -> None:
        self.watch(at)
        if self.running_since is not None:
            self.spent += max((at - self.running_since) // 60, 0)
        self.running_since = None
        self.due = self.warn = None

    def resume(self, at: int) -> None:
        self.run(at)

    def meet(self, at: int) -> None:
        self.watch(at)
        used = self.spent
        if self.running_since is not None:
            used += max((at - self.running_since) // 60, 0)
        self.met, self.used, self.is_open = at, used, False


@dataclass
class SlaClock:
    """The SLA deadlines of one work order (first response, resolution ``r0``)."""

    deadlines: list[Deadline] = field(default_factory=list)

    @classmethod
    def start(
        cls, at: int, *, first: int, resolve: int, warn_percent: int, every: int, chain: int
    ) -> SlaClock:
        rows = [
            Deadline("first_response", "", first, warn_percent, every, chain, at, at),
            Deadline("resolve", "r0", resolve, warn_percent, every, chain, at, at),
        ]
        for row in rows:
            row.run(at)
        return cls(rows)

    def step(self, at: int, *, responded: bool, category: str) -> None:
        """Follow one workflow step (``follow_ticket``)."""
        first, resolve = self.deadlines
        if responded and first.is_open:
            first.meet(at)
        if category in DONE:
            if resolve.is_open:
                resolve.meet(at)
            return
        for row in self.deadlines:
            if not row.is_open:
                continue
            if category in PAUSING and row.running_since is not None:
                row.pause(at)
            elif category not in PAUSING and row.running_since is None:
                row.resume(at)

    def settle(self, now: int) -> None:
        """The watcher's work on the deadlines still open at ``now``."""
        for row in self.deadlines:
            if row.is_open:
                row.watch(now)

    def next_due(self) -> int | None:
        """``Ticket.next_due_at``: the earliest due time of the open deadlines."""
        dues = [row.due for row in self.deadlines if row.is_open and row.due is not None]
        return min(dues) if dues else None


def pick(weights: Sequence[float], roll: float) -> int:
    """The index chosen by ``roll`` in [0, 1) among ``weights`` (adding up to 1)."""
    total = 0.0
    for index, weight in enumerate(weights):
        total += weight
        if roll < total:
            return index
    return len(weights) - 1
