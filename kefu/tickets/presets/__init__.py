"""Shipped workflow presets (预置流程): one declarative workflow per ticket type. Pure.

Each module holds ``DATA``, plain JSON-like data that ``from_dict`` turns into a workflow, so a
preset is the same kind of thing an admin edits. Loading refuses a preset that fails
``validate``, so a broken preset can never ship silently.
"""

from __future__ import annotations

from collections.abc import Mapping

from kefu.tickets.presets import after_sales, complaint, consultation, repair, suggestion
from kefu.tickets.workflow import Workflow, from_dict, validate


def load(data: Mapping[str, object]) -> Workflow:
    """Load a preset (加载预置流程) and refuse it when it has problems."""
    workflow = from_dict(data)
    problems = validate(workflow)
    if problems:
        raise ValueError(f"preset {workflow.type_code!r} is invalid: " + "; ".join(problems))
    return workflow


PRESETS: dict[str, Workflow] = {
    workflow.type_code: workflow
    for workflow in (
        load(module.DATA) for module in (consultation, complaint, repair, after_sales, suggestion)
    )
}


def preset(type_code: str) -> Workflow:
    """The shipped workflow (预置流程) for a ticket type; ``KeyError`` for an unknown type."""
    return PRESETS[type_code]
