"""Recording a callback (登记回访结果): one call made for a task, and what it changes.

Decisions (documented in ``docs/architecture.md``):

- **Reached** (接通) closes the task with the outcome and the satisfaction collected.
- **Not reached, refused, wrong number** (未接通/拒访/号码错误) are attempts: the task stays
  open for another try, and a next callback date given with such an attempt moves the task's
  due date there. The caller may close the task with such an outcome instead (``close=True``),
  e.g. after the third unanswered call or a wrong number that cannot be corrected.
- A task of a work order **waiting for its callback** records the callback on the work order
  (``kefu.tickets.services.record_callback``, which also writes the SatisfactionRecord) in the
  same transaction, so a reached and satisfied callback lets the work order be archived. A
  task of a work order not waiting (a care call after closing) appends a callback event to it
  and writes the satisfaction against it; a task without a work order writes the satisfaction
  against the customer alone.
- A next callback date given when the task closes creates the follow-up task (once).
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackAttempt, CallbackReason, CallbackStatus, CallbackTask
from kefu.callbacks.services.creating import schedule_task
from kefu.core import clock
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.tickets.choices import CallbackOutcome, EventKind, Satisfaction
from kefu.tickets.feedback_models import SatisfactionSource
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import needs_callback, record_callback
from kefu.tickets.services.events import append_event
from kefu.tickets.services.satisfaction import record_satisfaction_level

# The task being completed right now: the work order's callback event it writes must not
# close it a second time through ``follow_ticket_callback``.
_completing: ContextVar[int | None] = ContextVar("callbacks_completing", default=None)
# Marks the callback events a task writes on a work order that was not waiting for one.
TASK_EVENT_SOURCE = "callback_task"
AUDITED = ("status", "outcome", "satisfaction", "due_on", "attempts", "next_callback_on")


def _validated(
    outcome: str, satisfaction: str, notes: str, next_callback_on: dt.date | None
) -> None:
    errors: dict[str, list[str]] = {}
    if outcome not in CallbackOutcome.values:
        errors["outcome"] = [_("Choose the outcome of the callback.")]
    if satisfaction and satisfaction not in Satisfaction.values:
        errors["satisfaction"] = [_("Choose how satisfied the customer is.")]
    if len(notes) > 2000:
        errors["notes"] = [_("Keep the notes under 2,000 characters.")]
    if next_callback_on is not None and next_callback_on <= local_today():
        errors["next_callback_on"] = [_("The next callback must be after today.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)


def _on_ticket(
    *, actor: Any, ticket: Ticket, outcome: str, satisfaction: str, notes: str, at: dt.datetime
) -> None:
    if needs_callback(ticket):
        record_callback(
            actor=actor, ticket=ticket, outcome=outcome, satisfaction=satisfaction, notes=notes
        )
        return
    append_event(
        ticket=ticket,
        actor=actor,
        at=at,
        kind=EventKind.CALLBACK,
        data={
            "outcome": outcome,
            "satisfaction": satisfaction,
            "notes": notes,
            "source": TASK_EVENT_SOURCE,
        },
    )
    if satisfaction:
        record_satisfaction_level(
            customer=ticket.customer, ticket=ticket, level=satisfaction,
            source=SatisfactionSource.CALLBACK, actor=actor, at=at,
        )  # fmt: skip


def complete_task(
    *,
    actor: Any,
    task: CallbackTask,
    outcome: str,
    satisfaction: str = "",
    notes: str = "",
    next_callback_on: dt.date | None = None,
    close: bool = False,
) -> CallbackTask:
    """Record one call for the task (登记回访); returns the task as now stored."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "callbacks.change_callbacktask"
    ):
        raise NotPermitted(_("You may not record callbacks."))
    notes = notes.strip()
    _validated(outcome, satisfaction, notes, next_callback_on)
    reached = outcome == CallbackOutcome.REACHED
    if not reached:
        satisfaction = ""
    with transaction.atomic():
        current = (
            CallbackTask.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("ticket__workflow_version", "ticket__customer", "customer")
            .filter(pk=task.pk)
            .first()
        )
        if current is None:
            raise NotFound(_("Callback task not found."))
        if current.status != CallbackStatus.OPEN:
            raise Conflict(_("This callback task is already closed."), code="task_closed")
        before = snapshot(current, AUDITED)
        at = clock.now()
        token = _completing.set(current.pk)
        try:
            if current.ticket is not None:
                _on_ticket(
                    actor=actor, ticket=current.ticket, outcome=outcome,
                    satisfaction=satisfaction, notes=notes, at=at,
                )  # fmt: skip
            elif satisfaction:
                record_satisfaction_level(
                    customer=current.customer, level=satisfaction,
                    source=SatisfactionSource.CALLBACK, actor=actor, at=at,
                )  # fmt: skip
        finally:
            _completing.reset(token)
        closing = reached or close
        CallbackAttempt.objects.create(
            task=current, at=at, actor=actor, outcome=outcome, satisfaction=satisfaction,
            notes=notes, closed_task=closing,
        )  # fmt: skip
        current.attempts += 1
        current.last_attempt_at = at
        current.last_outcome = outcome
        current.notes = notes or current.notes
        if closing:
            current.status = CallbackStatus.DONE
            current.outcome = outcome
            current.satisfaction = satisfaction
            current.done_at = at
            current.done_by = actor
            current.next_callback_on = next_callback_on
        elif next_callback_on is not None:
            current.due_on = next_callback_on
        current.save()
        if closing and next_callback_on is not None:
            schedule_task(
                actor=actor,
                customer=current.customer,
                reason=current.reason,
                due_on=next_callback_on,
                dedupe_key=f"follow:{current.pk}",
                ticket=current.ticket,
                assignee=current.assignee or actor,
                note=_("Follow-up of the callback of %(day)s") % {"day": at.date().isoformat()},
                follows=current,
            )
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=diff(before, snapshot(current, AUDITED)),
        )
    return current


def follow_ticket_callback(event: TicketEvent) -> list[int]:
    """A callback recorded on the work order page (工单页直接登记回访): the work order's open
    callback task gets the attempt, and a reached callback closes it. Idempotent: an event is
    taken once (the attempt keeps the event). Returns the ids of the tasks it touched."""
    if event.kind != EventKind.CALLBACK or event.data.get("source") == TASK_EVENT_SOURCE:
        return []
    outcome = str(event.data.get("outcome", ""))
    if outcome not in CallbackOutcome.values:
        return []
    satisfaction = str(event.data.get("satisfaction", "") or "")
    notes = str(event.data.get("notes", "") or "")
    reached = outcome == CallbackOutcome.REACHED
    if CallbackAttempt.objects.filter(ticket_event=event).exists():
        return []
    # One open callback task per work order (a new resolution cancels the older one).
    task = (
        CallbackTask.objects.open()
        .select_for_update()
        .filter(ticket_id=event.ticket_id, reason=CallbackReason.TICKET)
        .exclude(pk=_completing.get() or 0)
        .order_by("-id")
        .first()
    )
    if task is None:
        return []
    before = snapshot(task, AUDITED)
    CallbackAttempt.objects.create(
        task=task, at=event.at, actor=event.actor, outcome=outcome,
        satisfaction=satisfaction if reached else "", notes=notes, closed_task=reached,
        ticket_event=event,
    )  # fmt: skip
    updates: dict[str, object] = {
        "attempts": task.attempts + 1,
        "last_attempt_at": event.at,
        "last_outcome": outcome,
    }
    if reached:
        updates.update(
            status=CallbackStatus.DONE, outcome=outcome, satisfaction=satisfaction,
            notes=notes or task.notes, done_at=event.at, done_by=event.actor,
        )  # fmt: skip
    # Conditional on the task still being open: a concurrent completion wins.
    if not CallbackTask.objects.filter(pk=task.pk, status=CallbackStatus.OPEN).update(**updates):
        return []
    task.refresh_from_db()
    record(
        actor=event.actor,
        action=AuditAction.UPDATE,
        obj=task,
        changes=diff(before, snapshot(task, AUDITED)),
        reason=_("Callback recorded on the work order"),
    )
    return [task.pk]
