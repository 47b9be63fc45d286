"""Workflow glue (流程衔接): the ``schedule_callback`` effect and the direct-callback receiver.

Registered in ``CallbacksConfig.ready``:

- the effect runs inside ``apply_transition``'s transaction when a complaint is confirmed
  satisfied or a repair accepted: it creates the work order's callback task, once per
  resolution (the key holds the resolution time, so a work order reopened and resolved again
  gets a new task, and the older open one is cancelled);
- the receiver of ``TicketEvent`` saves follows a callback recorded directly on the work
  order page: the work order's open callback task gets the attempt and is closed when the
  customer was reached (tickets cannot call this app, so a signal is the way in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.callbacks.choices import RuleKind
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackReason, CallbackRule, CallbackStatus, CallbackTask
from kefu.callbacks.services import follow_ticket_callback, schedule_task
from kefu.core import clock
from kefu.tickets.models import Ticket, TicketEvent

EFFECT_KEY = "schedule_callback"
DEFAULT_DUE_DAYS = 2


def ticket_rule_for(type_code: str) -> CallbackRule | None:
    """The active work order callback rule of the type (its N days), if any; a rule naming no
    types applies to every type."""
    rules = CallbackRule.objects.filter(kind=RuleKind.TICKET, is_active=True).order_by("id")
    for rule in rules:
        if not rule.type_codes or type_code in rule.type_codes:
            return rule
    return None


def dedupe_key_of(ticket: Ticket) -> str:
    """One callback task per resolution of the work order."""
    resolved = ticket.resolved_at or clock.now()
    return f"ticket:{ticket.pk}:{resolved.astimezone(dt.UTC).isoformat()}"


def schedule_from_step(
    ticket: Ticket, actor: Any, fields: Mapping[str, object]
) -> dict[str, object]:
    """Effect ``schedule_callback`` (安排回访)."""
    rule = ticket_rule_for(ticket.ticket_type.code)
    days = rule.days if rule is not None else DEFAULT_DUE_DAYS
    key = dedupe_key_of(ticket)
    stale = CallbackTask.objects.open().filter(ticket=ticket, reason=CallbackReason.TICKET)
    for old in stale.exclude(dedupe_key=key):
        CallbackTask.objects.filter(pk=old.pk).update(status=CallbackStatus.CANCELLED)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=old,
            changes={"status": [CallbackStatus.OPEN, CallbackStatus.CANCELLED]},
            reason="resolved again",
        )
    task, created = schedule_task(
        actor=actor,
        customer=ticket.customer,
        reason=CallbackReason.TICKET,
        due_on=local_today() + dt.timedelta(days=days),
        dedupe_key=key,
        ticket=ticket,
        assignee=ticket.assignee or ticket.created_by,
        note=ticket.title,
        rule=rule,
    )
    return {
        "effect": EFFECT_KEY,
        "done": True,
        "task": task.pk,
        "created": created,
        "due_on": task.due_on.isoformat(),
        "assignee": task.assignee.get_username() if task.assignee else None,
    }


def on_ticket_event(
    sender: type[TicketEvent], instance: TicketEvent, created: bool, **kwargs: Any
) -> None:
    """post_save of a work order event: a callback recorded on the work order page."""
    if created and not kwargs.get("raw"):
        follow_ticket_callback(instance)
