"""Linked and merged work orders (关联工单与合并工单).

``link_tickets`` records that one work order is related to, a duplicate of or caused by
another (one link per pair, either direction). ``merge_ticket`` folds a duplicate into the work
order that carries on (合并): the source gets ``merged_into`` and is closed — status category
``closed``, ``closed_at`` (and ``resolved_at`` if unset) stamped, its deadline cleared — while
its workflow state code is kept as it was, so its history stays true; ``merged_into`` says why
it closed. Both work orders get a ``merge`` event. Refused: merging into itself, a source that
is already merged or closed, a target that is closed or merged, and work orders of different
customers unless asked explicitly by a user with ``tickets.merge_across_customers``.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, ValidationFailed
from kefu.tickets.categories import StatusCategory
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketLink
from kefu.tickets.record_choices import LinkKind
from kefu.tickets.services.events import append_event
from kefu.tickets.services.records_common import require, visible_ticket

CLOSED = StatusCategory.CLOSED.value


def link_tickets(*, actor: Any, ticket: Ticket, other: Ticket, kind: str) -> TicketLink:
    """Link the work order to another (关联工单): ``ticket`` is ``kind`` ``other``."""
    require(actor, "tickets.add_ticketlink", _("You may not link work orders."))
    if kind not in LinkKind.values:
        message = _("Choose a kind of link.")
        raise ValidationFailed(message, fields={"kind": [message]})
    if ticket.pk == other.pk:
        message = _("A work order cannot be linked to itself.")
        raise ValidationFailed(message, fields={"other": [message]})
    with transaction.atomic():
        source = visible_ticket(actor, ticket)
        target = visible_ticket(actor, other)
        pair = models.Q(from_ticket=source, to_ticket=target) | models.Q(
            from_ticket=target, to_ticket=source
        )
        if TicketLink.objects.filter(pair).exists():
            raise Conflict(_("These work orders are already linked."), code="already_linked")
        at = now()
        link = TicketLink.objects.create(
            from_ticket=source, to_ticket=target, kind=kind, created_by=actor, at=at
        )
        Ticket.objects.filter(pk__in=[source.pk, target.pk]).update(updated_at=at)
        for mine, theirs, direction in ((source, target, "to"), (target, source, "from")):
            append_event(
                ticket=mine,
                actor=actor,
                at=at,
                kind=EventKind.LINK,
                data={"link": link.pk, "kind": kind, direction: theirs.number},
            )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=link,
            object_repr=f"{source.number} {kind} {target.number}",
            changes={
                "from": [None, source.number],
                "to": [None, target.number],
                "kind": [None, kind],
            },
        )
    return link


def _merge_refusal(source: Ticket, target: Ticket) -> Conflict | None:
    if source.merged_into_id is not None:
        return Conflict(_("This work order is already merged."), code="already_merged")
    if source.status_category == CLOSED:
        return Conflict(_("A closed work order cannot be merged."), code="source_closed")
    if target.merged_into_id is not None:
        return Conflict(
            _("The target work order was merged itself; merge into the one it was merged into."),
            code="target_merged",
        )
    if target.status_category == CLOSED:
        return Conflict(_("A work order cannot be merged into a closed one."), code="target_closed")
    return None


def merge_ticket(
    *, actor: Any, source: Ticket, target: Ticket, across_customers: bool = False
) -> Ticket:
    """Merge the work order ``source`` into ``target`` (合并工单); returns the closed source."""
    require(actor, "tickets.merge_ticket", _("You may not merge work orders."))
    if source.pk == target.pk:
        message = _("A work order cannot be merged into itself.")
        raise ValidationFailed(message, fields={"target": [message]})
    with transaction.atomic():
        # Lock both rows in primary key order, so two crossing merges cannot deadlock.
        first, second = sorted((source, target), key=lambda t: t.pk)
        locked = {t.pk: visible_ticket(actor, t, lock=True) for t in (first, second)}
        current, into = locked[source.pk], locked[target.pk]
        refusal = _merge_refusal(current, into)
        if refusal is not None:
            raise refusal
        if current.customer_id != into.customer_id:
            if not across_customers:
                message = _("The two work orders belong to different customers.")
                raise ValidationFailed(message, fields={"target": [message]})
            require(
                actor,
                "tickets.merge_across_customers",
                _("You may not merge work orders of different customers."),
            )
        at = now()
        before = {
            "status_category": current.status_category,
            "closed_at": current.closed_at,
            "next_due_at": current.next_due_at,
        }
        updates: dict[str, object] = {
            "merged_into": into,
            "status_category": CLOSED,
            "closed_at": at,
            "next_due_at": None,
            "updated_at": at,
        }
        if current.resolved_at is None:
            updates["resolved_at"] = at
        if not Ticket.objects.filter(pk=current.pk, merged_into__isnull=True).update(**updates):
            raise Conflict(_("This work order is already merged."), code="already_merged")
        Ticket.objects.filter(pk=into.pk).update(updated_at=at)
        current.refresh_from_db()
        append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.MERGE,
            data={
                "into": into.number,
                "state": current.state,
                "status_category": [before["status_category"], CLOSED],
            },
        )
        append_event(
            ticket=into, actor=actor, at=at, kind=EventKind.MERGE, data={"from": current.number}
        )
        record(
            actor=actor,
            action=AuditAction.MERGE,
            obj=current,
            changes={
                "merged_into": [None, into.number],
                "status_category": [before["status_category"], CLOSED],
                "closed_at": [before["closed_at"], at],
                "next_due_at": [before["next_due_at"], None],
            },
        )
    return current
