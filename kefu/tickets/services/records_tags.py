"""Tags of a work order (工单标签): replace the set of free labels, for filtering and reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketTag
from kefu.tickets.services.events import append_event
from kefu.tickets.services.records_common import require, visible_ticket

MAX_TAGS = 10
MAX_LENGTH = 30


def clean_tags(names: Iterable[str]) -> list[str]:
    """Trimmed, without blanks or repeats, in the given order; refuses too many or too long."""
    tags: list[str] = []
    for raw in names:
        name = raw.strip()
        if name and name not in tags:
            tags.append(name)
    too_long = [name for name in tags if len(name) > MAX_LENGTH]
    if too_long:
        message = _("A tag has at most %(count)d characters: %(tags)s") % {
            "count": MAX_LENGTH,
            "tags": "、".join(too_long),
        }
        raise ValidationFailed(message, fields={"tags": [message]})
    if len(tags) > MAX_TAGS:
        message = _("A work order has at most %(count)d tags.") % {"count": MAX_TAGS}
        raise ValidationFailed(message, fields={"tags": [message]})
    return tags


def set_tags(*, actor: Any, ticket: Ticket, names: Iterable[str]) -> list[str]:
    """Set the work order's tags (设置标签) to ``names``; returns them, sorted."""
    require(actor, "tickets.add_tickettag", _("You may not tag work orders."))
    wanted = clean_tags(names)
    with transaction.atomic():
        current = visible_ticket(actor, ticket, lock=True)
        old = sorted(TicketTag.objects.filter(ticket=current).values_list("name", flat=True))
        added = [name for name in wanted if name not in old]
        removed = [name for name in old if name not in wanted]
        if not added and not removed:
            return old
        at = now()
        TicketTag.objects.filter(ticket=current, name__in=removed).delete()
        TicketTag.objects.bulk_create(TicketTag(ticket=current, name=name) for name in added)
        Ticket.objects.filter(pk=current.pk).update(updated_at=at)
        new = sorted(wanted)
        append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.TAGS,
            data={"added": added, "removed": removed},
        )
        record(actor=actor, action=AuditAction.UPDATE, obj=current, changes={"tags": [old, new]})
    return new
