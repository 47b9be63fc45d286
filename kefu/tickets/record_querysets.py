"""Reads of the records around a work order (工单附属记录查询): scope of notes and attachments.

A record is visible when its work order is (``Ticket.objects.visible_to``). Internal notes and
internal attachments (内部备注/内部附件) are visible only to users who may see internal
records: service staff, QA, leadership and department handlers; a partner company's users
never see them, whatever their capabilities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from kefu.core.appendonly import AppendOnlyQuerySet

if TYPE_CHECKING:
    from kefu.tickets.record_models import TicketAttachment, TicketComment  # noqa: F401

M = TypeVar("M", bound=models.Model)


def sees_internal(user: Any) -> bool:
    """May the user see internal notes and attachments (查看内部记录)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if not user.has_perm("tickets.view_internal_record"):
        return False
    from kefu.org.scope import place_of

    return not place_of(user).is_partner


class _ScopedRecords(AppendOnlyQuerySet[M]):
    def visible_to(self, user: Any) -> _ScopedRecords[M]:
        """Records of the work orders the user sees; internal ones only if it sees internal."""
        from kefu.tickets.models import Ticket

        qs = self.filter(ticket__in=Ticket.objects.visible_to(user))
        if not sees_internal(user):
            qs = qs.filter(is_internal=False)
        return qs


class TicketCommentQuerySet(_ScopedRecords["TicketComment"]):
    """Comments: replies to the customer and internal notes; append-only."""


class TicketAttachmentQuerySet(_ScopedRecords["TicketAttachment"]):
    """Attachments; append-only."""


def tagged(tickets: models.QuerySet[Any], name: str) -> models.QuerySet[Any]:
    """Work orders carrying the tag ``name`` (按标签筛选), through the (name, ticket) index."""
    return tickets.filter(tags__name=name.strip())


def events_visible_to(events: models.QuerySet[Any], user: Any) -> models.QuerySet[Any]:
    """A work order's events without those of internal notes and internal attachments for a
    user who may not see internal records (a partner user): the history must not tell them."""
    if sees_internal(user):
        return events
    return events.exclude(kind="note").exclude(kind="attachment", data__is_internal=True)
