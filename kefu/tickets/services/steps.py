"""Steps offered now (可执行操作): what a user may do with a work order in its current state."""

from __future__ import annotations

from typing import Any

from kefu.tickets.facts import offerable_facts
from kefu.tickets.models import Ticket
from kefu.tickets.workflow import Transition, available


def offered_steps(ticket: Ticket, user: Any) -> list[Transition]:
    """The workflow steps ``user`` may take from the work order's state, given what Kefu has on
    record (a step whose guard fails on the record, e.g. archiving before the callback, is
    not offered; the service still refuses it with its message if posted)."""
    if ticket.merged_into_id is not None:
        return []  # a merged work order carries on in the one it was merged into
    workflow = ticket.workflow_version.workflow()
    granted = (
        frozenset(user.get_all_permissions())
        if getattr(user, "is_authenticated", False)
        else frozenset()
    )
    steps = []
    for move in workflow.outgoing(ticket.state):
        facts = offerable_facts(ticket, move)
        if move in available(workflow, state=ticket.state, granted=granted, facts=facts):
            steps.append(move)
    return steps
