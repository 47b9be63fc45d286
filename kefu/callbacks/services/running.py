"""Running the care rules (执行回访规则): every active rule creates the tasks it picks today.

Idempotent: each task's key is ``rule:<rule id>:<customer id>:<period key>`` (see
``kefu.callbacks.selection``), so a second run on the same day, or a run of two workers at
once, creates nothing new. A rule limited to some weekdays (seed 003: birthdays on Wednesday
and Thursday) does nothing on the other days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from kefu.accounts.models import User
from kefu.callbacks.assigning import Assigner
from kefu.callbacks.choices import RuleKind
from kefu.callbacks.models import CallbackRule, CallbackTask
from kefu.callbacks.schedule import runs_on
from kefu.callbacks.selection import candidates
from kefu.callbacks.services.creating import schedule_task
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket

ACTOR = "kefu callbacks"


@dataclass(frozen=True)
class RuleRun:
    """What one rule did on one day (规则执行结果)."""

    rule_id: int
    name: str
    ran: bool
    created: int
    already: int


def rule_key(rule: CallbackRule, customer_id: int, period: str) -> str:
    return f"rule:{rule.pk}:{customer_id}:{period}"


def run_rule(*, rule: CallbackRule, day: dt.date, actor: Any = ACTOR) -> RuleRun:
    """Create the tasks ``rule`` picks on ``day`` (at most its daily limit)."""
    if not rule.is_active or rule.kind == RuleKind.TICKET or not runs_on(rule.weekdays, day):
        return RuleRun(rule.pk, rule.name, False, 0, 0)
    created = already = 0
    with transaction.atomic():
        known = set(CallbackTask.objects.filter(rule=rule).values_list("dedupe_key", flat=True))
        picked = []
        for candidate in candidates(rule, day):
            key = rule_key(rule, candidate.customer_id, candidate.period)
            if key in known:
                already += 1
                continue
            picked.append((key, candidate))
            if rule.daily_limit and len(picked) >= rule.daily_limit:
                break
        customers = Customer.objects.select_related("owner").in_bulk(
            [c.customer_id for _k, c in picked]
        )
        handlers = User.objects.in_bulk([c.handler_id for _k, c in picked if c.handler_id])
        tickets = Ticket.objects.in_bulk([c.ticket_id for _k, c in picked if c.ticket_id])
        assigner = Assigner(rule)
        for key, candidate in picked:
            customer = customers[candidate.customer_id]
            handler = handlers.get(candidate.handler_id) if candidate.handler_id else None
            _task, made = schedule_task(
                actor=actor,
                customer=customer,
                reason=rule.kind,
                due_on=day,
                dedupe_key=key,
                ticket=tickets.get(candidate.ticket_id) if candidate.ticket_id else None,
                assignee=assigner.pick(customer, handler),
                note=" · ".join(part for part in (rule.note, candidate.note) if part),
                rule=rule,
            )
            created += made
            already += not made
    return RuleRun(rule.pk, rule.name, True, created, already)


def run_rules(*, day: dt.date, actor: Any = ACTOR) -> list[RuleRun]:
    """Run every active rule for ``day`` (the nightly job, ``kefu callbacks run-rules``)."""
    return [
        run_rule(rule=rule, day=day, actor=actor)
        for rule in CallbackRule.objects.filter(is_active=True).order_by("pk")
    ]
