"""The deadline watcher (时限监控): warnings and escalations, sent once each.

A periodic job calls :func:`watch`. For each open deadline whose next step is due it claims
the step with a conditional UPDATE on the deadline's ``stage``; only the worker whose UPDATE
changed the row goes on to append the work order event and notify (console + email). Two
workers running at once therefore never warn or escalate the same deadline twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.deadlines.choices import SLA_KINDS, DeadlineKind
from kefu.deadlines.models import Deadline
from kefu.deadlines.stages import BREACHED, WARNED, next_check, stage_reached
from kefu.notify.services import notify
from kefu.org.models import Staff
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket
from kefu.tickets.notifying import ticket_link
from kefu.tickets.services.events import append_event

log = logging.getLogger(__name__)


def watch(at: dt.datetime | None = None, *, limit: int = 500) -> int:
    """Take every due step of the open deadlines (检查时限); returns how many were taken."""
    at = at or now()
    taken = 0
    for pk, stage in list(due_steps(at, limit=limit)):
        if take_step(pk, stage, at):
            taken += 1
    return taken


def due_steps(at: dt.datetime, *, limit: int = 500) -> QuerySet[Deadline, tuple[int, int]]:
    """The (id, stage) of the open deadlines with a step due by ``at``, earliest first: the
    watcher's per-minute query, read through the partial index over open deadlines only."""
    return (
        Deadline.objects.due_for_check(at)
        .order_by("next_check_at", "id")
        .values_list("pk", "stage")[:limit]
    )


def take_step(pk: int, stage: int, at: dt.datetime) -> bool:
    """Claim and take the next step of deadline ``pk`` seen at ``stage``; ``False`` when
    another worker claimed it first or there is nothing to do."""
    with transaction.atomic():
        deadline = Deadline.objects.select_related("ticket").filter(pk=pk).first()
        if deadline is None or not deadline.is_open or deadline.due_at is None:
            return False
        every = timedelta(minutes=deadline.escalate_every_minutes)
        chain = list(deadline.escalation_chain)
        new_stage = stage_reached(
            stage, at, warn_at=deadline.warn_at, due_at=deadline.due_at,
            escalate_every=every, chain=chain,
        )  # fmt: skip
        following = next_check(
            new_stage, warn_at=deadline.warn_at, due_at=deadline.due_at,
            escalate_every=every, chain=chain,
        )  # fmt: skip
        updates: dict[str, Any] = {"stage": new_stage, "next_check_at": following}
        if new_stage >= BREACHED and deadline.breached_at is None:
            updates["breached_at"] = at
        claimed = Deadline.objects.filter(
            pk=pk, stage=stage, is_open=True, next_check_at__lte=at
        ).update(**updates)
        if not claimed:
            return False
        deadline.stage = new_stage
        _announce(deadline, new_stage, at)
    return True


def _role_users(role: str) -> list[Any]:
    return list(get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk"))


def _addressees(ticket: Ticket) -> list[Any]:
    department = ticket.partner_id or ticket.department_id
    if department is None:
        return []
    users = Staff.objects.filter(department_id=department, user__is_active=True)
    return [staff.user for staff in users.select_related("user")]


def recipients(deadline: Deadline, stage: int) -> list[Any]:
    """Who hears of this step: the warning goes to whoever must act (the assignee, or the
    partner for its obligations); each escalation to the next role of the chain."""
    ticket = deadline.ticket
    people: list[Any] = []
    if ticket.assignee is not None:
        people.append(ticket.assignee)
    if deadline.kind not in SLA_KINDS:
        people += _addressees(ticket)
    chain = list(deadline.escalation_chain)
    if stage >= BREACHED and chain:
        people += _role_users(chain[min(stage - BREACHED, len(chain) - 1)])
    elif stage == WARNED and not people and chain:
        people += _role_users(chain[0])  # nobody assigned yet: the first level must know
    return people


def _texts(deadline: Deadline, stage: int) -> tuple[str, str]:
    ticket = deadline.ticket
    kind = DeadlineKind(deadline.kind).label
    due = timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M") if deadline.due_at else ""
    if stage == WARNED:
        subject = _("Deadline soon: %(number)s %(kind)s due %(due)s")
    elif stage == BREACHED:
        subject = _("Deadline passed: %(number)s %(kind)s was due %(due)s")
    else:
        subject = _("Escalated: %(number)s %(kind)s overdue since %(due)s")
    values = {"number": ticket.number, "kind": kind, "due": due}
    body = f"{ticket.number} {ticket.title}\n{deadline.label}"
    return subject % values, body


def _announce(deadline: Deadline, stage: int, at: dt.datetime) -> None:
    ticket = deadline.ticket
    people = recipients(deadline, stage)
    level = None if stage < BREACHED else (
        deadline.escalation_chain[min(stage - BREACHED, len(deadline.escalation_chain) - 1)]
        if deadline.escalation_chain else None
    )  # fmt: skip
    append_event(
        ticket=ticket,
        actor=None,
        at=at,
        kind=EventKind.WARNING if stage == WARNED else EventKind.ESCALATION,
        data={
            "deadline": deadline.kind,
            "ref": deadline.ref,
            "stage": stage,
            "due_at": deadline.due_at,
            "level": level,
            "notified": [person.get_username() for person in people],
        },
    )
    with translation.override("zh-hans"):
        subject, body = _texts(deadline, stage)
        link = ticket_link(ticket)
        notify(
            people,
            kind="deadline_warning" if stage == WARNED else "deadline_escalation",
            subject=subject,
            body=body,
            link=link,
        )
    log.info("deadline %s of %s: stage %s, %d notified", deadline.pk, ticket.number, stage,
             len(people))  # fmt: skip
