"""Queues (工单队列): my work, my overdue, my team's, unassigned, waiting on partner, sent to my
department, everything I may see. Sorted by the next deadline (none last), then number.

Open work is filtered with ``ACTIVE_STATUSES`` exactly as the partial indexes of the work
order table are declared, so "my team's" and "my work" read their first page as an index
range in deadline order. A page is read in two index-friendly parts: work with a deadline in
(deadline, id) order, then, if the page is not full, work without one in id order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.core.cursor import BadCursor, decode_cursor, encode_cursor
from kefu.core.paging import Page
from kefu.org.scope import place_of
from kefu.tickets.categories import StatusCategory
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet

Narrow = Callable[[TicketQuerySet, User, dt.datetime], TicketQuerySet]


@dataclass(frozen=True)
class Queue:
    key: str
    label: Promise
    narrow: Narrow


def _mine(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    return qs.open_work().filter(assignee=user)


def _overdue(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    return _mine(qs, user, at).filter(next_due_at__lt=at)


def _team(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    team_id = place_of(user).team_id
    if team_id is None:
        return qs.none()
    # The work order's team (assigning a person without a team takes the person's team).
    return qs.open_work().filter(team_id=team_id)


def _unassigned(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    return qs.open_work().filter(assignee__isnull=True)


def _waiting(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    return qs.filter(status_category=StatusCategory.WAITING_ON_PARTNER.value)


def _department(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    department_id = place_of(user).department_id
    if department_id is None:
        return qs.none()
    return qs.sent_to(department_id).open_work()


def _all(qs: TicketQuerySet, user: User, at: dt.datetime) -> TicketQuerySet:
    return qs


QUEUES: tuple[Queue, ...] = (
    Queue("mine", _("My work"), _mine),
    Queue("overdue", _("My overdue"), _overdue),
    Queue("team", _("My team's"), _team),
    Queue("unassigned", _("Unassigned"), _unassigned),
    Queue("waiting", _("Waiting on partner"), _waiting),
    Queue("department", _("Sent to my department"), _department),
    Queue("all", _("All I may see"), _all),
)
BY_KEY = {queue.key: queue for queue in QUEUES}


def queues_for(user: User) -> list[Queue]:
    """Service staff work from every queue; a department handler or partner user from the work
    sent to them (and everything they may see)."""
    if user.has_perm("tickets.view_all_tickets"):
        return [q for q in QUEUES if q.key != "department"]
    return [BY_KEY["department"], BY_KEY["mine"], BY_KEY["overdue"], BY_KEY["all"]]


def default_queue(user: User) -> Queue:
    return queues_for(user)[0]


def by_deadline(qs: TicketQuerySet, *, cursor: str | None, limit: int) -> Page[Ticket]:
    """One keyset page by next deadline, work orders without one last, then by id."""
    dated: TicketQuerySet | None = qs.filter(next_due_at__isnull=False).order_by(
        "next_due_at", "id"
    )
    # All NULL: ordering by the deadline too changes nothing but lets PostgreSQL read the
    # (…, next_due_at, id) indexes in order (it does not treat IS NULL as an equality).
    undated = qs.filter(next_due_at__isnull=True).order_by("next_due_at", "id")
    if cursor:
        values = decode_cursor(cursor)
        if len(values) != 2 or type(values[1]) is not int or not 0 <= values[1] < 2**63:
            raise BadCursor(cursor)
        raw_due, last_id = values
        if raw_due is None:
            dated = None
            undated = undated.filter(id__gt=last_id)
        else:
            try:
                due = parse_datetime(str(raw_due))
            except ValueError:  # well formed but no such time (month 13)
                due = None
            if due is None:
                raise BadCursor(cursor)
            assert dated is not None
            dated = dated.filter(next_due_at__gte=due).filter(
                Q(next_due_at__gt=due) | Q(id__gt=last_id)
            )
    rows = [] if dated is None else list(dated[: limit + 1])
    if len(rows) <= limit:
        rows += list(undated[: limit + 1 - len(rows)])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        due_key = last.next_due_at.isoformat() if last.next_due_at else None
        next_cursor = encode_cursor([due_key, last.pk])
    return Page(items=rows, next_cursor=next_cursor)
