"""Customer timeline (客户时间线): one list of everything that happened with a customer.

Apps add their events (work orders, callbacks, surveys, orders …) by registering a source,
usually in their ``AppConfig.ready``::

    register_timeline_source(ticket_entries)   # fn(customer, user) -> Iterable[TimelineEntry]

A source gets the viewing user so it can leave out what the user may not see. This module
registers the archive's own source: created, grade changes, stored items and merges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer

SOURCE_LIMIT = 200  # entries one built-in source returns at most


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


def timeline_for(customer: Customer, user: Any, limit: int = 50) -> list[TimelineEntry]:
    """The newest ``limit`` entries of every registered source, newest first."""
    entries = [entry for source in list(_sources) for entry in source(customer, user)]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[: max(0, limit)]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def archive_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """The archive's own events: created, grade changes, stored items, merges."""
    yield TimelineEntry(
        at=customer.created_at,
        kind="customer_created",
        title=_("Customer created"),
        detail=str(customer.created_by or ""),
    )
    for change in customer.grade_changes.select_related("actor")[:SOURCE_LIMIT]:
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
    for item in customer.stored_items.all()[:SOURCE_LIMIT]:
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
    )[:SOURCE_LIMIT]
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
