"""Partner obligations (合作方时限): when the addressee must act and reply, and the deadlines
that watch them.

Seed 004 §5.7.1 and SPEC §4: a department or partner acts on a contact order within 8 working
hours and replies within 3 days, unless the form gave its own reply or repair time. Working
hours come from the ``office`` business calendar; without it they count as plain hours.

The deadlines themselves belong to ``kefu.deadlines`` (it watches them, warns and escalates);
each contact order has two, ``contact_act`` and ``contact_reply``, referenced by its number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kefu.core.errors import NotFound
from kefu.deadlines.choices import DeadlineKind
from kefu.deadlines.services import start_deadline, stop_deadlines
from kefu.sla.calendar import NoWorkingTime, add_working_time
from kefu.sla.loading import calendar_by_code, working_calendar
from kefu.tickets.models import Ticket

CALENDAR_CODE = "office"
ACT_WITHIN = dt.timedelta(hours=8)
REPLY_WITHIN = dt.timedelta(days=3)

ACT_KIND = DeadlineKind.CONTACT_ACT.value
REPLY_KIND = DeadlineKind.CONTACT_REPLY.value
KINDS = (ACT_KIND, REPLY_KIND)


def act_by(issued_at: dt.datetime) -> dt.datetime:
    """8 working hours after ``issued_at`` on the office calendar (plain hours without it)."""
    try:
        business = calendar_by_code(CALENDAR_CODE)
    except NotFound:
        return issued_at + ACT_WITHIN
    calendar = working_calendar(
        business,
        since=issued_at.date() - dt.timedelta(days=1),
        until=issued_at.date() + dt.timedelta(days=60),
    )
    try:
        return add_working_time(issued_at, ACT_WITHIN, calendar)
    except NoWorkingTime:
        return issued_at + ACT_WITHIN


def default_reply_by(issued_at: dt.datetime) -> dt.datetime:
    """3 calendar days after ``issued_at``."""
    return issued_at + REPLY_WITHIN


def start(
    *, ticket: Ticket, kind: str, due_at: dt.datetime, ref: str, label: str, at: dt.datetime
) -> None:
    """Start (or replace) the deadline ``kind`` of contact order ``ref`` on the work order."""
    start_deadline(ticket=ticket, kind=kind, due_at=due_at, ref=ref, label=label, at=at)


def stop(
    *, ticket: Ticket, kinds: Iterable[str], ref: str, at: dt.datetime, met: bool = True
) -> None:
    """Stop the deadlines ``kinds`` of contact order ``ref``: met at ``at``, or withdrawn
    (``met=False``) when the order was cancelled."""
    stop_deadlines(ticket=ticket, kinds=list(kinds), ref=ref, at=at, met=met)
