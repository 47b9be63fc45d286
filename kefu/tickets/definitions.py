"""Workflow definitions (流程定义): the frozen data a workflow is made of. Pure: no Django.

States map onto status categories; transitions name sources, a target, a permission, the form
fields they require, named guards and effect keys. ``Refusal`` and ``Decision`` are what the
engine in ``kefu.tickets.workflow`` answers with.
"""

from __future__ import annotations

from dataclasses import dataclass

from kefu.tickets.categories import StatusCategory
from kefu.tickets.vocabulary import REOPEN_EFFECT


@dataclass(frozen=True)
class State:
    """Workflow state (流程状态): a named step mapped onto a status category."""

    code: str
    label_zh: str
    label_en: str
    category: StatusCategory
    is_initial: bool = False
    is_final: bool = False


@dataclass(frozen=True)
class GuardMessage:
    """Guard message (条件提示): a workflow's own wording when one of its guards fails."""

    condition: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class Transition:
    """Workflow transition (流程操作): who may move a work order from where to where, and how."""

    code: str
    label_zh: str
    label_en: str
    sources: tuple[str, ...]
    target: str
    permission: str
    required_fields: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    messages: tuple[GuardMessage, ...] = ()

    @property
    def is_reopen(self) -> bool:
        """Reopening (重新打开): whether this transition carries the reopen-count effect."""
        return REOPEN_EFFECT in self.effects


@dataclass(frozen=True)
class Workflow:
    """Workflow (工单流程): one version of one ticket type's states and transitions."""

    type_code: str
    version: int
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    label_zh: str = ""
    label_en: str = ""

    def state(self, code: str) -> State | None:
        """State lookup (查找状态): the state with this code, if any."""
        return next((s for s in self.states if s.code == code), None)

    def transition(self, code: str) -> Transition | None:
        """Transition lookup (查找操作): the transition with this code, if any."""
        return next((t for t in self.transitions if t.code == code), None)

    @property
    def initial(self) -> State | None:
        """Initial state (初始状态): the first state marked initial, if any."""
        return next((s for s in self.states if s.is_initial), None)

    def outgoing(self, state: str) -> tuple[Transition, ...]:
        """Outgoing transitions (可离开的操作): those whose sources include this state."""
        return tuple(t for t in self.transitions if state in t.sources)


@dataclass(frozen=True)
class Refusal:
    """Refusal (拒绝原因): one reason a transition is not allowed, worded for the user."""

    code: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class Decision:
    """Decision (判定): whether a transition is allowed, with every reason it is not."""

    allowed: bool
    reasons: tuple[Refusal, ...] = ()
