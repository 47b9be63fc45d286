"""What each KPI counter counts (指标计数口径): the rows, their date and their group keys.

A *source* is one kind of row (work orders, deadlines, satisfaction records, callback tasks,
service errors, contact orders) attributed to a period by one timestamp; its *counters* are
conditional counts (or sums) over those rows. Every figure of ``catalog`` is a formula over
these counters, the daily rollups store them per day and group key, and the records page lists
exactly the rows a counter counts. ``docs/kpis.md`` explains each one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Exact

from kefu.callbacks.models import CallbackStatus, CallbackTask
from kefu.deadlines.choices import SLA_KINDS, DeadlineKind
from kefu.deadlines.models import Deadline
from kefu.liaison.choices import ContactOrderStatus
from kefu.liaison.models import ContactOrder
from kefu.quality.models import ServiceError
from kefu.tickets.categories import ACTIVE, StatusCategory
from kefu.tickets.choices import SATISFIED_LEVELS
from kefu.tickets.models import SatisfactionRecord, Ticket

COMPLAINT_TYPE = "complaint"
DONE_CATEGORIES = (StatusCategory.RESOLVED.value, StatusCategory.CLOSED.value)
ACTIVE_VALUES = tuple(sorted(category.value for category in ACTIVE))

# Group dimensions (分组维度), in the order the pages offer them.
DIMENSIONS = ("person", "team", "department", "type", "category", "channel", "grade")

Condition = Callable[[dt.datetime], models.Q]


def _always(_at: dt.datetime) -> models.Q:
    return models.Q()


@dataclass(frozen=True)
class Counter:
    """One counter (计数项): rows of its source matching ``condition``; with ``sums`` the sum
    of that value expression instead of a count."""

    name: str
    condition: Condition = _always
    sums: Any = None


@dataclass(frozen=True)
class Source:
    """Rows of one model attributed to a day by ``date_field`` (a DateTimeField in local time,
    or a DateField), restricted by ``base`` (which may depend on the time of counting)."""

    key: str
    model: type[models.Model]
    date_field: str
    is_date: bool
    base: Condition
    paths: dict[str, Any]
    counters: tuple[Counter, ...]
    record_kind: str
    default_order: str = "-id"
    related: tuple[str, ...] = field(default_factory=tuple)

    def dimension(self, name: str) -> Any:
        """The group key of a row for dimension ``name``, as text (empty: none)."""
        return Coalesce(
            Cast(self.paths[name], output_field=models.CharField()),
            models.Value(""),
            output_field=models.CharField(),
        )

    def counter(self, name: str) -> Counter:
        for counter in self.counters:
            if counter.name == name:
                return counter
        raise KeyError(name)


def _ticket_paths(prefix: str) -> dict[str, Any]:
    return {
        "person": models.F(f"{prefix}assignee_id"),
        "team": models.F(f"{prefix}team_id"),
        "department": models.F(f"{prefix}department_id"),
        "type": models.F(f"{prefix}ticket_type__code"),
        "category": models.F(f"{prefix}category"),
        "channel": models.F(f"{prefix}channel"),
        "grade": models.F(f"{prefix}customer__grade"),
    }


def unmerged(prefix: str = "") -> models.Q:
    """Not merged into another work order (未合并), written ``COALESCE(merged_into_id, 0) = 0``
    rather than ``merged_into_id IS NULL``: almost every work order is unmerged, but SQLite's
    statistics average that away and would read a month's rows through the index on
    ``merged_into`` (the whole table) instead of the index on the month's timestamp."""
    field = f"{prefix}merged_into_id"
    return models.Q(Exact(Coalesce(field, models.Value(0)), models.Value(0)))


def _not_merged(_at: dt.datetime) -> models.Q:
    return unmerged()


def _is_complaint(_at: dt.datetime) -> models.Q:
    return models.Q(ticket_type__code=COMPLAINT_TYPE)


def _resolved_complaint(_at: dt.datetime) -> models.Q:
    return models.Q(ticket_type__code=COMPLAINT_TYPE, status_category__in=DONE_CATEGORIES)


def _was_reopened(_at: dt.datetime) -> models.Q:
    return models.Q(reopen_count__gt=0)


def _first_contact(_at: dt.datetime) -> models.Q:
    return models.Q(reopen_count=0, department__isnull=True, partner__isnull=True)


TICKET_PATHS = _ticket_paths("")
VIA_TICKET = _ticket_paths("ticket__")

TICKETS_CREATED = Source(
    key="tickets_created",
    model=Ticket,
    date_field="created_at",
    is_date=False,
    base=_not_merged,
    paths=TICKET_PATHS,
    counters=(
        Counter("created"),
        Counter("complaints", _is_complaint),
        Counter("complaints_resolved", _resolved_complaint),
    ),
    record_kind="ticket",
    related=("ticket_type", "assignee"),
)

TICKETS_RESOLVED = Source(
    key="tickets_resolved",
    model=Ticket,
    date_field="resolved_at",
    is_date=False,
    base=_not_merged,
    paths=TICKET_PATHS,
    counters=(
        Counter("resolved"),
        Counter("reopened", _was_reopened),
        Counter("first_contact_resolved", _first_contact),
    ),
    record_kind="ticket",
    related=("ticket_type", "assignee"),
)


class ElapsedTime(models.Func):
    """Elapsed time (经过时间) from one timestamp column to another, as a duration.

    PostgreSQL subtracts the timestamps. SQLite stores them as text (``YYYY-MM-DD HH:MM:SS``
    and ``.ffffff`` when there are microseconds) and Django would call a Python function per
    row; here the seconds come from ``strftime('%s')`` and the microseconds from the text, in
    integers: exact, and several times faster over a month of rows."""

    output_field = models.DurationField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, end: str, start: str) -> None:
        super().__init__(models.F(end), models.F(start))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        end, start = (compiler.compile(e) for e in self.get_source_expressions())
        sql = (
            f"((strftime('%%s', {end[0]}) - strftime('%%s', {start[0]})) * 1000000"
            f" + CAST(substr({end[0]}, 21) AS INTEGER) - CAST(substr({start[0]}, 21) AS INTEGER))"
        )
        return sql, (*end[1], *start[1], *end[1], *start[1])


CALENDAR_RESPONSE = ElapsedTime("first_response_at", "created_at")

TICKETS_FIRST_RESPONSE = Source(
    key="tickets_first_response",
    model=Ticket,
    date_field="first_response_at",
    is_date=False,
    base=_not_merged,
    paths=TICKET_PATHS,
    counters=(
        Counter("fr_calendar_count"),
        Counter("fr_calendar_seconds", sums=CALENDAR_RESPONSE),
    ),
    record_kind="ticket",
    related=("ticket_type", "assignee"),
)


def _first_response_deadline(_at: dt.datetime) -> models.Q:
    return models.Q(kind=DeadlineKind.FIRST_RESPONSE, used_minutes__isnull=False) & unmerged(
        "ticket__"
    )


DEADLINES_FIRST_RESPONSE = Source(
    key="deadlines_first_response",
    model=Deadline,
    date_field="met_at",
    is_date=False,
    base=_first_response_deadline,
    paths=VIA_TICKET,
    counters=(
        Counter("fr_working_count"),
        Counter("fr_working_minutes", sums=models.F("used_minutes")),
    ),
    record_kind="deadline",
    related=("ticket",),
)


def _sla_decided(at: dt.datetime) -> models.Q:
    """SLA deadlines whose outcome is known at ``at``: met, breached, or past due."""
    return (
        models.Q(kind__in=sorted(SLA_KINDS))
        & unmerged("ticket__")
        & (
            models.Q(met_at__isnull=False)
            | models.Q(breached_at__isnull=False)
            | models.Q(is_open=True, due_at__lte=at)
        )
    )


def _met_on_time(_at: dt.datetime) -> models.Q:
    return models.Q(met_at__isnull=False, met_at__lte=models.F("due_at"))


DEADLINES_DUE = Source(
    key="deadlines_due",
    model=Deadline,
    date_field="due_at",
    is_date=False,
    base=_sla_decided,
    paths=VIA_TICKET,
    counters=(Counter("sla_due"), Counter("sla_met", _met_on_time)),
    record_kind="deadline",
    related=("ticket",),
)


def _is_satisfied(_at: dt.datetime) -> models.Q:
    return models.Q(level__in=sorted(SATISFIED_LEVELS))


SATISFACTION = Source(
    key="satisfaction",
    model=SatisfactionRecord,
    date_field="at",
    is_date=False,
    base=_always,
    paths={**VIA_TICKET, "grade": models.F("customer__grade")},
    counters=(Counter("surveyed"), Counter("satisfied", _is_satisfied)),
    record_kind="satisfaction",
    related=("ticket", "customer"),
)


def _callback_counted(_at: dt.datetime) -> models.Q:
    return ~models.Q(status=CallbackStatus.CANCELLED)


def _callback_done(_at: dt.datetime) -> models.Q:
    return models.Q(status=CallbackStatus.DONE)


CALLBACKS = Source(
    key="callbacks",
    model=CallbackTask,
    date_field="due_on",
    is_date=True,
    base=_callback_counted,
    paths={
        **VIA_TICKET,
        "person": models.F("assignee_id"),
        "team": models.F("assignee__staff__team_id"),
        "grade": models.F("customer__grade"),
    },
    counters=(Counter("callbacks_due"), Counter("callbacks_done", _callback_done)),
    record_kind="callback",
    related=("ticket", "customer", "assignee"),
)

SERVICE_ERRORS = Source(
    key="service_errors",
    model=ServiceError,
    date_field="occurred_on",
    is_date=True,
    base=_always,
    paths={
        **VIA_TICKET,
        "person": Coalesce("person_id", "ticket__assignee_id"),
        "team": Coalesce("person__staff__team_id", "ticket__team_id"),
        "department": Coalesce("person__staff__department_id", "ticket__department_id"),
    },
    counters=(Counter("errors"),),
    record_kind="service_error",
    related=("ticket", "person"),
)


def _contact_decided(at: dt.datetime) -> models.Q:
    """Contact orders not voided whose outcome is known at ``at``: replied, or past reply_by."""
    return ~models.Q(status=ContactOrderStatus.CANCELLED) & (
        models.Q(answered_at__isnull=False) | models.Q(reply_by__lte=at)
    )


def _answered_on_time(_at: dt.datetime) -> models.Q:
    return models.Q(answered_at__isnull=False, answered_at__lte=models.F("reply_by"))


CONTACT_ORDERS = Source(
    key="contact_orders",
    model=ContactOrder,
    date_field="reply_by",
    is_date=False,
    base=_contact_decided,
    paths={**VIA_TICKET, "department": models.F("addressed_to_id")},
    counters=(Counter("contact_due"), Counter("contact_on_time", _answered_on_time)),
    record_kind="contact_order",
    related=("ticket", "addressed_to"),
)

SOURCES: tuple[Source, ...] = (
    TICKETS_CREATED,
    TICKETS_RESOLVED,
    TICKETS_FIRST_RESPONSE,
    DEADLINES_FIRST_RESPONSE,
    DEADLINES_DUE,
    SATISFACTION,
    CALLBACKS,
    SERVICE_ERRORS,
    CONTACT_ORDERS,
)

# Every counter kept per day (the daily rollup's columns), and the source that counts it.
COUNTER_SOURCE: dict[str, Source] = {c.name: s for s in SOURCES for c in s.counters}
COUNTERS: tuple[str, ...] = tuple(COUNTER_SOURCE)
BACKLOG = "backlog"


def backlog_condition(end: dt.datetime, at: dt.datetime | None = None) -> models.Q:
    """Backlog (积压) at ``end``: work orders (not merged) opened before it and not resolved
    or closed before it (``resolved_at`` is the last resolution; a reopening clears it).

    When ``end`` is not before the time of counting ``at``, the backlog is the open work now:
    the work orders whose status is an active one (the same rows, as entering resolved or
    closed stamps ``resolved_at`` and going back to active work clears it), read through the
    queue's status index instead of reconstructing the past over the whole table."""
    if at is not None and end >= at:
        # Merged work orders are closed for good (a merge closes them and refuses any further
        # step), so the open ones need no merge condition: the count reads the index alone.
        return models.Q(status_category__in=ACTIVE_VALUES)
    # Two ranges of the index on resolved_at (still open, or resolved at or after the end)
    # rather than every work order opened before the end.
    return unmerged() & (
        models.Q(resolved_at__isnull=True, created_at__lt=end)
        | models.Q(resolved_at__gte=end, created_at__lt=end)
    )
