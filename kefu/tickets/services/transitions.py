"""Moving a work order one workflow step (执行流程操作).

The one place that assigns a ticket's state. In one transaction: lock the row, check that it is
still in the state the caller saw, let the pure engine decide, move the state with a conditional
UPDATE on the old state, stamp milestones, run the step's effects, append the event and the
audit entry. A refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, DomainError, NotFound, NotPermitted, ValidationFailed
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department
from kefu.tickets.categories import ACTIVE, StatusCategory
from kefu.tickets.choices import EventKind, Satisfaction
from kefu.tickets.effects import run_effects, stale_after_effects
from kefu.tickets.facts import RECORDED_FIELDS, facts_for, recorded_fields
from kefu.tickets.hooks import Written, run_after_transition, stale_after
from kefu.tickets.models import Ticket
from kefu.tickets.services.events import append_event
from kefu.tickets.workflow import Decision, Refusal, decide

MIN_YEAR, MAX_YEAR = 2000, 2100
# Relations of the returned work order, loaded with it (the API shows it without reading it).
LOADED = ("ticket_type", "workflow_version", "customer", "assignee")


def _text(refusal: Refusal) -> str:
    language = get_language() or "zh-hans"
    return refusal.message_zh if language.lower().startswith("zh") else refusal.message_en


def refusal_error(decision: Decision) -> DomainError:
    """The domain error for a refused step, worded in the active language (拒绝原因)."""
    reasons = decision.reasons
    by_kind = {
        "unknown": [r for r in reasons if r.code == "unknown_transition"],
        "state": [r for r in reasons if r.code == "wrong_state"],
        "permission": [r for r in reasons if r.code == "permission"],
        "fields": [r for r in reasons if r.code.startswith("missing_field:")],
        "conditions": [r for r in reasons if r.code.startswith("condition:")],
    }
    if by_kind["unknown"]:
        return ValidationFailed(_text(by_kind["unknown"][0]), code="unknown_transition")
    if by_kind["state"]:
        return Conflict(_text(by_kind["state"][0]), code="wrong_state")
    if by_kind["permission"]:
        return NotPermitted(_text(by_kind["permission"][0]))
    # A value Kefu records itself (the callback outcome) that is not on record yet is not the
    # user's omission: the failing guard (no callback yet) is the reason to show.
    typed = [r for r in by_kind["fields"] if r.code.split(":", 1)[1] not in RECORDED_FIELDS]
    if by_kind["conditions"] and not typed:
        by_kind["fields"] = []
    if by_kind["fields"]:
        missing = by_kind["fields"]
        return ValidationFailed(
            " ".join(_text(r) for r in missing),
            fields={r.code.split(":", 1)[1]: [_text(r)] for r in missing},
        )
    # The first guard that fails is the reason (a later one, e.g. "satisfied at the callback",
    # means nothing before the earlier one, "the callback is done", holds).
    return Conflict(_text(by_kind["conditions"][0]), code="condition")


def _department(value: object, *, field: str, partner: bool) -> Department:
    pk = value.pk if isinstance(value, Department) else value
    department = (
        Department.objects.filter(pk=pk, is_active=True).first()
        if isinstance(pk, int | str) and str(pk).isdigit()
        else None
    )
    if department is None or (partner and department.kind != DepartmentKind.PARTNER):
        message = _("Choose a partner company.") if partner else _("Choose a department.")
        raise ValidationFailed(message, fields={field: [message]})
    return department


def _column_updates(fields: Mapping[str, object]) -> dict[str, object]:
    """Form values that are also columns of the work order (category, responsible department,
    partner); the rest live in the event."""
    updates: dict[str, object] = {}
    if isinstance(fields.get("category"), str) and str(fields["category"]).strip():
        updates["category"] = str(fields["category"]).strip()
    if fields.get("responsible_department") not in (None, ""):
        updates["department"] = _department(
            fields["responsible_department"], field="responsible_department", partner=False
        )
    if fields.get("partner") not in (None, ""):
        updates["partner"] = _department(fields["partner"], field="partner", partner=True)
    return updates


def _checked_values(fields: Mapping[str, object]) -> None:
    """Form values with a fixed vocabulary must use it (the five-point satisfaction scale);
    times (fields named ``…_at``) must be real times between the years 2000 and 2100."""
    given = fields.get("satisfaction")
    if given is not None and given not in Satisfaction.values:
        message = _("Choose how satisfied the customer is.")
        raise ValidationFailed(message, fields={"satisfaction": [message]})
    for key, value in fields.items():
        if key.endswith("_at") and value not in (None, "") and not plausible_time(value):
            message = _("Enter a date and time between 2000 and 2100.")
            raise ValidationFailed(message, fields={key: [message]})


def plausible_time(value: object) -> bool:
    """A date-time (or ISO 8601 text) of a year a service record can have (2000–2100)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return False
    return isinstance(value, dt.date) and MIN_YEAR <= value.year <= MAX_YEAR


def _milestones(ticket: Ticket, target: StatusCategory, at: Any) -> dict[str, object]:
    """Milestones (里程碑): first response on leaving "new"; resolved and closed times when
    entering those categories (a direct close also counts as resolved); cleared again when the
    work order goes back to active work."""
    source = StatusCategory(ticket.status_category)
    stamps: dict[str, object] = {}
    if ticket.first_response_at is None and source == StatusCategory.NEW and target != source:
        stamps["first_response_at"] = at
    if target == StatusCategory.RESOLVED and source != target:
        stamps["resolved_at"] = at
    if target == StatusCategory.CLOSED and source != target:
        stamps["closed_at"] = at
        if ticket.resolved_at is None:
            stamps["resolved_at"] = at
    if target in ACTIVE and source not in ACTIVE:
        stamps["resolved_at"] = None
        stamps["closed_at"] = None
    return stamps


def apply_transition(
    *,
    actor: Any,
    ticket: Ticket,
    transition: str,
    fields: Mapping[str, object],
) -> Ticket:
    """Apply one workflow step (执行流程操作) to the work order, as the actor saw it.

    ``ticket.state`` is the state the caller saw; if the work order moved meanwhile the step is
    refused with ``Conflict`` and nothing is written. The guards' facts are derived here from
    the record (``kefu.tickets.facts``), never taken from the caller; only ``ticket.pk`` and
    ``ticket.state`` are read from ``ticket``. Returns the work order as now stored, with its
    type, workflow version, customer and assignee loaded.
    """
    seen_state = ticket.state
    _checked_values(fields)
    granted = (
        frozenset(actor.get_all_permissions())
        if getattr(actor, "is_authenticated", False)
        else frozenset()
    )
    with transaction.atomic():
        current = (
            Ticket.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related(*LOADED)
            .defer("workflow_version__definition")  # parsed once per process
            .filter(pk=ticket.pk)
            .first()
        )
        if current is None:
            raise NotFound(_("Work order not found."))
        if current.merged_into_id is not None:
            raise Conflict(
                _("This work order was merged into another; continue on that one."),
                code="merged",
            )
        if current.state != seen_state:
            raise Conflict(
                _("The work order was changed meanwhile; reload it and try again."),
                code="stale_state",
            )
        workflow = current.workflow_version.workflow()
        chosen = workflow.transition(transition)
        facts: dict[str, bool] = {}
        if chosen is not None:
            fields = {**fields, **recorded_fields(current, chosen)}
            facts = facts_for(current, chosen, fields)
        decision = decide(
            workflow,
            state=seen_state,
            transition=transition,
            granted=granted,
            facts=facts,
            provided=fields,
        )
        move = workflow.transition(transition)
        target = workflow.state(move.target) if move else None
        if not decision.allowed or move is None or target is None:
            raise refusal_error(decision)
        at = now()
        old_category = current.status_category
        updates: dict[str, object] = {
            "state": target.code,
            "status_category": target.category.value,
            "updated_at": at,
            **_milestones(current, target.category, at),
            **_column_updates(fields),
        }
        # Guard on the old state: a concurrent step that won the race leaves no row to update.
        if not Ticket.objects.filter(pk=current.pk, state=seen_state).update(**updates):
            raise Conflict(
                _("The work order was changed meanwhile; reload it and try again."),
                code="stale_state",
            )
        for name, value in updates.items():  # the row is locked: what we wrote is what is stored
            setattr(current, name, value)
        done = run_effects(move.effects, ticket=current, actor=actor, fields=fields)
        hooked = run_after_transition(Written(current, actor, at, move.code, seen_state, fields))
        if stale_after_effects(move.effects) or stale_after(hooked):  # they may have written
            current = Ticket.objects.select_related(*LOADED).get(pk=current.pk)
        append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.TRANSITION,
            from_state=seen_state,
            to_state=target.code,
            transition=move.code,
            data={"fields": dict(fields), "facts": facts, "effects": done, "hooks": hooked},
        )
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "state": [seen_state, target.code],
                "status_category": [old_category, target.category.value],
                "transition": [None, move.code],
            },
        )
    return current
