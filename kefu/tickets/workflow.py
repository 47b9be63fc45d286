"""Workflow engine (工单流程引擎): declarative, versioned per-type workflows. Pure: no Django.

A workflow is data: states mapped onto status categories, and transitions with source states,
a target, the permission needed, the form fields required, named guards evaluated against facts
and effect keys naming handlers in the service's registry. ``decide`` says whether a transition
is allowed and, if not, every reason why; ``available`` lists what the caller may do now;
``validate`` finds structural problems; ``from_dict``/``to_dict`` move workflows to and from
JSON so an admin-edited workflow can be stored and versioned.

This module is the one entry point callers import: the data classes live in ``definitions``,
the checks in ``checks`` and the JSON mapping in ``serialization``, re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from kefu.tickets.checks import validate
from kefu.tickets.definitions import (
    Decision,
    GuardMessage,
    Refusal,
    State,
    Transition,
    Workflow,
)
from kefu.tickets.serialization import WorkflowFormatError, from_dict, to_dict
from kefu.tickets.vocabulary import CONDITIONS, FIELDS, Text, condition_holds


def is_filled(value: object) -> bool:
    """Filled form value (已填写): not None, not blank text, not an empty collection."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | frozenset | dict):
        return bool(value)
    return True


def _guard_text(transition: Transition, condition: str) -> Text:
    for message in transition.messages:
        if message.condition == condition:
            return Text(message.message_zh, message.message_en)
    return CONDITIONS.get(
        condition, Text(f"条件“{condition}”未满足。", f"Condition “{condition}” is not met.")
    )


def decide(
    workflow: Workflow,
    *,
    state: str,
    transition: str,
    granted: frozenset[str],
    facts: Mapping[str, bool],
    provided: Mapping[str, object],
) -> Decision:
    """Whether ``transition`` may be applied from ``state`` (判定能否执行), and why not."""
    move = workflow.transition(transition)
    if move is None:
        return Decision(
            False,
            (
                Refusal(
                    "unknown_transition",
                    f"流程中没有“{transition}”这一操作。",
                    f"The workflow has no step “{transition}”.",
                ),
            ),
        )
    reasons: list[Refusal] = []
    if state not in move.sources:
        current = workflow.state(state)
        zh, en = (current.label_zh, current.label_en) if current else (state, state)
        reasons.append(
            Refusal(
                "wrong_state",
                f"当前状态为“{zh}”，不能执行“{move.label_zh}”。",
                f"“{move.label_en}” is not possible while the work order is “{en}”.",
            )
        )
    if move.permission not in granted:
        reasons.append(
            Refusal(
                "permission",
                f"您没有执行“{move.label_zh}”的权限。",
                f"You do not have permission to do “{move.label_en}”.",
            )
        )
    for name in move.required_fields:
        if not is_filled(provided.get(name)):
            label = FIELDS.get(name, Text(name, name))
            reasons.append(
                Refusal(
                    f"missing_field:{name}",
                    f"请填写“{label.zh}”。",
                    f"Please fill in “{label.en}”.",
                )
            )
    for condition in move.conditions:
        if not condition_holds(condition, facts):
            text = _guard_text(move, condition)
            reasons.append(Refusal(f"condition:{condition}", text.zh, text.en))
    return Decision(not reasons, tuple(reasons))


def available(
    workflow: Workflow, *, state: str, granted: frozenset[str], facts: Mapping[str, bool]
) -> list[Transition]:
    """Transitions the caller may start now (可执行操作); their forms still need filling."""
    return [
        t
        for t in workflow.outgoing(state)
        if t.permission in granted and all(condition_holds(c, facts) for c in t.conditions)
    ]


__all__ = [
    "Decision",
    "GuardMessage",
    "Refusal",
    "State",
    "Transition",
    "Workflow",
    "WorkflowFormatError",
    "available",
    "decide",
    "from_dict",
    "is_filled",
    "to_dict",
    "validate",
]
