"""Customer timeline (客户时间线): one list of everything that happened with a customer.

Apps add their events (work orders, callbacks, surveys, orders …) by registering a source,
usually in their ``AppConfig.ready``::

    register_timeline_source(ticket_entries)   # fn(customer, user) -> Iterable[TimelineEntry]

A source gets the viewing user so it can leave out what the user may not see, and reads at
most ``source_limit()`` entries, newest first (the caller keeps no more than that). This module
registers the archive's own source: created, grade changes, stored items and merges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, GradeChange

SOURCE_LIMIT = 200  # entries one built-in source returns at most
# While ``timeline_for`` runs: the entries it keeps, so a source reads no more than that
# (the customer page shows 50; reading 200 work orders for them was most of its time).
_wanted: ContextVar[int] = ContextVar("timeline_wanted", default=SOURCE_LIMIT)
_KEPT_GRADE_CHANGES = "_kefu_kept_grade_changes"  # on a Customer: (limit, rows)


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""


TimelineSource = Callable[[Customer, Any], Iterable[TimelineEntry]]
_sources: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def unregister_timeline_source(source: TimelineSource) -> None:
    if source in _sources:
        _sources.remove(source)


def source_limit() -> int:
    """How many entries a source returns at most: ``SOURCE_LIMIT``, or fewer when the
    timeline being built keeps fewer (its newest ``limit`` need no more of any source)."""
    return min(SOURCE_LIMIT, _wanted.get())


def timeline_for(customer: Customer, user: Any, limit: int = 50) -> list[TimelineEntry]:
    """The newest ``limit`` entries of every registered source, newest first."""
    token = _wanted.set(max(0, limit))
    try:
        entries = [entry for source in list(_sources) for entry in source(customer, user)]
    finally:
        _wanted.reset(token)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[: max(0, limit)]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def remember_grade_changes(customer: Customer, limit: int) -> list[GradeChange]:
    """Read the customer's newest ``limit`` grade changes (with their actor) and keep them on
    this customer object, for a page that shows them and the timeline: one statement for both.
    Only for a read-only page: a change written afterwards is not in the kept list."""
    rows = list(customer.grade_changes.select_related("actor")[: max(0, limit)])
    customer.__dict__[_KEPT_GRADE_CHANGES] = (max(0, limit), rows)
    return rows


def recent_grade_changes(customer: Customer, limit: int) -> list[GradeChange]:
    """The customer's newest ``limit`` grade changes with their actor, newest first: from
    those ``remember_grade_changes`` kept when they cover ``limit``, else read."""
    kept: tuple[int, list[GradeChange]] | None = customer.__dict__.get(_KEPT_GRADE_CHANGES)
    if kept is not None and (limit <= kept[0] or len(kept[1]) < kept[0]):
        return kept[1][: max(0, limit)]
    return list(customer.grade_changes.select_related("actor")[: max(0, limit)])


def archive_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """The archive's own events: created, grade changes, stored items, merges."""
    yield TimelineEntry(
        at=customer.created_at,
        kind="customer_created",
        title=_("Customer created"),
        detail=str(customer.created_by or ""),
    )
    for change in recent_grade_changes(customer, source_limit()):
        if change.from_grade:
            title = _("Grade %(old)s → %(new)s") % {
                "old": change.from_grade,
                "new": change.to_grade,
            }
        else:
            title = _("Grade %(new)s") % {"new": change.to_grade}
        if change.is_manual:
            title = _("%(title)s (set by hand)") % {"title": title}
        detail = " · ".join(part for part in (str(change.actor or ""), change.reason) if part)
        yield TimelineEntry(at=change.at, kind="grade_change", title=title, detail=detail)
    for item in customer.stored_items.all()[: source_limit()]:
        yield TimelineEntry(
            at=_start_of(item.stored_on),
            kind="stored_item",
            title=_("Stored: %(item)s") % {"item": item.name},
            detail=f"{item.quantity.normalize():f} {item.unit}".strip(),
        )
    merges = AuditEntry.objects.filter(
        object_type=Customer._meta.label_lower,
        object_id=str(customer.pk),
        action=AuditAction.MERGE,
    ).only("at", "actor_label", "reason", "changes")[: source_limit()]
    for entry in merges:
        if "merged_into" in entry.changes:
            title = _("Merged into %(name)s") % {"name": entry.changes["merged_into"][1]}
        elif "merged_from" in entry.changes:
            title = _("Merged with %(name)s") % {"name": entry.changes["merged_from"][1]}
        else:
            title = _("Merged")
        detail = " · ".join(part for part in (entry.actor_label, entry.reason) if part)
        yield TimelineEntry(at=entry.at, kind="merge", title=title, detail=detail)


register_timeline_source(archive_entries)
