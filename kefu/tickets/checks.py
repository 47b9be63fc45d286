"""Workflow checks (流程校验): find what makes a workflow unusable. Pure: no Django.

Problems are short English sentences naming the offending code, for admins and tests:
duplicate codes, a missing or second initial state, unknown states, unreachable states, dead
ends, final states that offer more than a reopening, states from which no final state can be
reached, and fields, guards, effects or permissions the engine does not know.
"""

from __future__ import annotations

import re
from collections import Counter, deque

from kefu.tickets.categories import StatusCategory
from kefu.tickets.definitions import Workflow
from kefu.tickets.vocabulary import CONDITIONS, EFFECTS, FIELDS

CODE = re.compile(r"^[a-z][a-z0-9_]*$")
PERMISSION = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def reachable(workflow: Workflow, start: str) -> set[str]:
    """Reachable states (可达状态): codes reachable from ``start``, ``start`` included."""
    seen = {start}
    queue = deque([start])
    while queue:
        for move in workflow.outgoing(queue.popleft()):
            if move.target not in seen:
                seen.add(move.target)
                queue.append(move.target)
    return seen


def _code_problems(workflow: Workflow) -> list[str]:
    problems = []
    if not CODE.match(workflow.type_code):
        problems.append(f"type code {workflow.type_code!r} is not a lowercase code")
    for kind, codes in (
        ("state", [s.code for s in workflow.states]),
        ("transition", [t.code for t in workflow.transitions]),
    ):
        problems += [f"duplicate {kind} code: {c}" for c, n in Counter(codes).items() if n > 1]
        problems += [f"{kind} code {c!r} is not lowercase" for c in codes if not CODE.match(c)]
    for state in workflow.states:
        if not state.label_zh or not state.label_en:
            problems.append(f"state {state.code} needs a Chinese and an English label")
    return problems


def _transition_problems(workflow: Workflow) -> list[str]:
    codes = {s.code for s in workflow.states}
    problems = []
    for move in workflow.transitions:
        name = f"transition {move.code}"
        if not move.label_zh or not move.label_en:
            problems.append(f"{name} needs a Chinese and an English label")
        if not move.sources:
            problems.append(f"{name} has no source state")
        problems += [f"{name}: unknown source state {s}" for s in move.sources if s not in codes]
        if move.target not in codes:
            problems.append(f"{name}: unknown target state {move.target}")
        if not PERMISSION.match(move.permission):
            problems.append(f"{name}: permission {move.permission!r} is not app.codename")
        problems += [f"{name}: unknown field {f}" for f in move.required_fields if f not in FIELDS]
        problems += [f"{name}: unknown guard {c}" for c in move.conditions if c not in CONDITIONS]
        problems += [f"{name}: unknown effect {e}" for e in move.effects if e not in EFFECTS]
        problems += [
            f"{name}: message for {m.condition}, which it does not check"
            for m in move.messages
            if m.condition not in move.conditions
        ]
    return problems


def _graph_problems(workflow: Workflow) -> list[str]:
    problems = []
    initials = [s for s in workflow.states if s.is_initial]
    finals = {s.code for s in workflow.states if s.is_final}
    if not initials:
        problems.append("no initial state")
    if len(initials) > 1:
        problems.append("more than one initial state: " + ", ".join(s.code for s in initials))
    if not finals:
        problems.append("no final state")
    seen = reachable(workflow, initials[0].code) if initials else set()
    for state in workflow.states:
        moves = workflow.outgoing(state.code)
        if initials and state.code not in seen:
            problems.append(f"unreachable state: {state.code}")
        if state.is_final:
            problems += [
                f"final state {state.code} offers {t.code}, which is not a reopening"
                for t in moves
                if not t.is_reopen
            ]
            if state.category is not StatusCategory.CLOSED:
                problems.append(f"final state {state.code} must be in the closed category")
        else:
            if not moves:
                problems.append(f"dead end: {state.code} is not final and has no way forward")
            elif not reachable(workflow, state.code) & finals:
                problems.append(f"no way to a final state from {state.code}")
            if state.category is StatusCategory.CLOSED:
                problems.append(f"state {state.code} is closed but not final")
        if state.is_initial and state.is_final:
            problems.append(f"state {state.code} is both initial and final")
    return problems


def validate(workflow: Workflow) -> list[str]:
    """Problems with a workflow (流程问题); an empty list means it may be used."""
    if workflow.version < 1:
        return ["version must be a positive integer", *_code_problems(workflow)]
    return _code_problems(workflow) + _transition_problems(workflow) + _graph_problems(workflow)
