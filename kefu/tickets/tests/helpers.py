"""Test helpers (测试辅助): a granted-everything caller and a filled-in form for any transition."""

from __future__ import annotations

from kefu.tickets.workflow import Transition, Workflow, decide


def all_permissions(workflow: Workflow) -> frozenset[str]:
    return frozenset(t.permission for t in workflow.transitions)


def filled_form(transition: Transition) -> dict[str, object]:
    return {name: f"{name} value" for name in transition.required_fields}


def facts_for(transition: Transition) -> dict[str, bool]:
    """Facts under which every guard of the transition holds."""
    facts: dict[str, bool] = {}
    for condition in transition.conditions:
        if condition.startswith("not_"):
            facts[condition[4:]] = False
        else:
            facts[condition] = True
    return facts


def apply(workflow: Workflow, state: str, code: str, **facts: bool) -> str:
    """Apply a transition with everything granted and filled; fail the test if refused."""
    move = workflow.transition(code)
    assert move is not None, code
    decision = decide(
        workflow,
        state=state,
        transition=code,
        granted=all_permissions(workflow),
        facts={**facts_for(move), **facts},
        provided=filled_form(move),
    )
    assert decision.allowed, decision.reasons
    return move.target
