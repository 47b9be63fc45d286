"""Guard facts (流程条件事实): what the server knows when a workflow guard asks.

Facts come from two places, and never from the client:

* **Recorded facts** are what Kefu has on file: ``callback_done`` (a callback that reached the
  customer was recorded since the work order was last resolved), ``satisfied`` (the
  satisfaction given in the step's own form, else the one of that callback) and
  ``partner_overdue`` (the repair deadline given at dispatch has passed).
* **Declared facts** are the user's judgement, made by choosing a branch: choosing "escalate
  as a major complaint" declares ``major_complaint``; choosing "not a quality claim: review"
  declares ``quality_claim`` false. The chosen step's own guards state them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.dateparse import parse_datetime

from kefu.core.clock import now
from kefu.tickets.choices import SATISFIED_LEVELS, CallbackOutcome, EventKind
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.workflow import Transition, Workflow

DECLARED = frozenset({"major_complaint", "quality_claim"})
RECORDED = frozenset({"callback_done", "satisfied", "partner_overdue"})
# The form values that Kefu records itself: taken from the record, not from the form.
RECORDED_FIELDS = frozenset({"callback_outcome"})


@dataclass(frozen=True)
class CallbackRecord:
    """The latest callback (回访记录) of the current resolution, as recorded on the work order."""

    at: dt.datetime
    outcome: str
    satisfaction: str

    @property
    def done(self) -> bool:
        return self.outcome == CallbackOutcome.REACHED


def latest_callback(ticket: Ticket) -> CallbackRecord | None:
    """The newest callback event since the work order was last resolved, if any."""
    if ticket.resolved_at is None:
        return None
    event = (
        TicketEvent.objects.filter(
            ticket=ticket, kind=EventKind.CALLBACK, at__gte=ticket.resolved_at
        )
        .order_by("-id")
        .first()
    )
    if event is None:
        return None
    return CallbackRecord(
        at=event.at,
        outcome=str(event.data.get("outcome", "")),
        satisfaction=str(event.data.get("satisfaction", "")),
    )


def needs_callback(ticket: Ticket, workflow: Workflow | None = None) -> bool:
    """Whether the work order waits for its callback (待回访): a step out of its state needs
    ``callback_done`` and none has been recorded yet."""
    workflow = workflow or ticket.workflow_version.workflow()
    waits = any("callback_done" in move.conditions for move in workflow.outgoing(ticket.state))
    if not waits:
        return False
    callback = latest_callback(ticket)
    return callback is None or not callback.done


def _repair_due(ticket: Ticket) -> dt.datetime | None:
    event = (
        TicketEvent.objects.filter(
            ticket=ticket, kind=EventKind.TRANSITION, data__fields__has_key="repair_due_at"
        )
        .order_by("-id")
        .first()
    )
    value = event.data["fields"]["repair_due_at"] if event else None
    return parse_datetime(value) if isinstance(value, str) else None


def recorded_facts(
    ticket: Ticket, move: Transition, fields: Mapping[str, object]
) -> dict[str, bool]:
    """The recorded facts the step's guards ask for."""
    names = {condition.removeprefix("not_") for condition in move.conditions}
    facts: dict[str, bool] = {}
    callback = latest_callback(ticket) if names & {"callback_done", "satisfied"} else None
    if "callback_done" in names:
        facts["callback_done"] = bool(callback and callback.done)
    if "satisfied" in names:
        given = fields.get("satisfaction")
        if isinstance(given, str) and given:
            facts["satisfied"] = given in SATISFIED_LEVELS
        elif callback is not None and callback.done and callback.satisfaction:
            facts["satisfied"] = callback.satisfaction in SATISFIED_LEVELS
    if "partner_overdue" in names:
        due = _repair_due(ticket)
        facts["partner_overdue"] = due is not None and due < now()
    return facts


def declared_facts(move: Transition) -> dict[str, bool]:
    """The judgement a user declares by choosing this step (e.g. a major complaint)."""
    facts: dict[str, bool] = {}
    for condition in move.conditions:
        name = condition.removeprefix("not_")
        if name in DECLARED:
            facts[name] = condition == name
    return facts


def facts_for(ticket: Ticket, move: Transition, fields: Mapping[str, object]) -> dict[str, bool]:
    """Every fact the step's guards ask for: declared by the choice, recorded by Kefu."""
    return {**declared_facts(move), **recorded_facts(ticket, move, fields)}


def recorded_fields(ticket: Ticket, move: Transition) -> dict[str, object]:
    """Form values the step requires that Kefu has on record (the callback outcome)."""
    wanted = RECORDED_FIELDS & set(move.required_fields)
    if not wanted:
        return {}
    callback = latest_callback(ticket)
    if callback is None:
        return {}
    return {"callback_outcome": callback.outcome}


def offerable_facts(ticket: Ticket, move: Transition) -> dict[str, bool]:
    """Facts for offering a step before its form is filled: a fact that the form itself will
    decide (the satisfaction typed in it) is assumed to go the step's way."""
    facts = facts_for(ticket, move, {})
    if "satisfaction" in move.required_fields:
        facts.update(
            {
                c.removeprefix("not_"): c == c.removeprefix("not_")
                for c in move.conditions
                if c.removeprefix("not_") == "satisfied"
            }
        )
    return facts
