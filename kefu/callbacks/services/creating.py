"""Creating callback tasks (创建回访任务): idempotent on the task's deduplication key.

``schedule_task`` is the automatic path (a workflow step, a rule run): it checks no capability,
the step or the job that calls it was itself allowed. ``create_task`` is a person scheduling a
callback by hand and needs ``callbacks.add_callbacktask``. Both return the task that already
holds the key when there is one: a rule run twice, or a step repeated, creates nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackReason, CallbackRule, CallbackTask
from kefu.core import clock
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def schedule_task(
    *,
    actor: Any,
    customer: Customer,
    reason: str,
    due_on: dt.date,
    dedupe_key: str,
    ticket: Ticket | None = None,
    assignee: Any = None,
    note: str = "",
    rule: CallbackRule | None = None,
    follows: CallbackTask | None = None,
) -> tuple[CallbackTask, bool]:
    """Get or create the task of ``dedupe_key`` (安排回访); returns (task, created).

    Race-safe: the unique key decides, inside a savepoint, so two runs creating the same task
    at once end with one row and the loser gets the winner's task.
    """
    existing = CallbackTask.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing, False
    task = CallbackTask(
        customer=customer,
        ticket=ticket,
        reason=reason,
        note=note[:200],
        due_on=due_on,
        assignee=assignee,
        rule=rule,
        rule_key=(rule.kind if rule else ("workflow" if reason == CallbackReason.TICKET else "")),
        follows=follows,
        dedupe_key=dedupe_key[:120],
        created_at=clock.now(),
        created_by=actor if _is_user(actor) else None,
    )
    try:
        with transaction.atomic():
            task.save()
            record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=task,
                changes={
                    "customer": [None, customer.pk],
                    "reason": [None, reason],
                    "due_on": [None, due_on],
                    "assignee": [None, assignee.get_username() if assignee else None],
                    "ticket": [None, ticket.number if ticket else None],
                    "dedupe_key": [None, task.dedupe_key],
                },
            )
    except IntegrityError:
        winner = CallbackTask.objects.filter(dedupe_key=dedupe_key[:120]).first()
        if winner is None:
            raise
        return winner, False
    return task, True


def create_task(
    *,
    actor: Any,
    customer: Customer,
    due_on: dt.date,
    dedupe_key: str,
    reason: str = CallbackReason.MANUAL,
    ticket: Ticket | None = None,
    assignee: Any = None,
    note: str = "",
) -> tuple[CallbackTask, bool]:
    """A person schedules a callback (手工安排回访); same key, same task."""
    if not _is_user(actor) or not actor.has_perm("callbacks.add_callbacktask"):
        raise NotPermitted(_("You may not schedule callbacks."))
    errors: dict[str, list[str]] = {}
    if reason not in CallbackReason.values:
        errors["reason"] = [_("Choose why the customer is called back.")]
    if due_on < local_today():
        errors["due_on"] = [_("The due date cannot be in the past.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return schedule_task(
        actor=actor,
        customer=customer,
        reason=reason,
        due_on=due_on,
        dedupe_key=dedupe_key,
        ticket=ticket,
        assignee=assignee,
        note=note,
    )
