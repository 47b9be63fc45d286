"""Records panel (工单附属记录面板) of the work order page: replies and notes, attachments,
links and merges, tags. Registered in ``TicketsConfig.ready``; the template is
``tickets/records/_panel.html`` and receives this context as ``ctx``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q

from kefu.tickets import attachment_files
from kefu.tickets.models import (
    ReplyTemplate,
    Ticket,
    TicketAttachment,
    TicketComment,
    TicketLink,
    TicketTag,
)
from kefu.tickets.record_choices import LinkKind
from kefu.tickets.record_querysets import sees_internal


def _link_rows(ticket: Ticket, visible: Any) -> list[dict[str, Any]]:
    """Each link seen from this work order: the other one and how they relate."""
    rows = []
    links = (
        TicketLink.objects.filter(Q(from_ticket=ticket) | Q(to_ticket=ticket))
        .filter(from_ticket__in=visible, to_ticket__in=visible)
        .select_related("from_ticket", "to_ticket")
    )
    for link in links:
        outgoing = link.from_ticket_id == ticket.pk
        rows.append(
            {
                "kind": link.kind,
                "label": LinkKind(link.kind).label,
                "outgoing": outgoing,
                "other": link.to_ticket if outgoing else link.from_ticket,
            }
        )
    return rows


def records_context(ticket: Ticket, user: Any, **extra: Any) -> dict[str, Any]:
    """Everything the records panel shows to ``user`` for ``ticket`` (already in scope)."""
    visible = Ticket.objects.visible_to(user)
    can_note = user.has_perm("tickets.write_note")
    can_reply = user.has_perm("tickets.reply_ticket")
    context: dict[str, Any] = {
        "ticket": ticket,
        "comments": TicketComment.objects.visible_to(user)
        .filter(ticket=ticket)
        .select_related("author"),
        "attachments": TicketAttachment.objects.visible_to(user)
        .filter(ticket=ticket)
        .select_related("uploaded_by"),
        "links": _link_rows(ticket, visible),
        "link_kinds": LinkKind.choices,
        "merged_into": visible.filter(pk=ticket.merged_into_id).first()
        if ticket.merged_into_id
        else None,
        "merged_from": list(visible.filter(merged_into=ticket).order_by("id")),
        "tags": list(TicketTag.objects.filter(ticket=ticket).values_list("name", flat=True)),
        "can_comment": can_note or can_reply,
        "can_note": can_note,
        "can_reply": can_reply,
        "can_attach": user.has_perm("tickets.attach_file"),
        "can_attach_internal": sees_internal(user),
        "can_link": user.has_perm("tickets.add_ticketlink"),
        "can_merge": user.has_perm("tickets.merge_ticket") and ticket.merged_into_id is None,
        "can_tag": user.has_perm("tickets.add_tickettag"),
        "templates": list(ReplyTemplate.objects.filter(is_active=True))
        if can_reply and user.has_perm("tickets.view_replytemplate")
        else [],
        "max_bytes": attachment_files.max_bytes(),
        "errors": {},
        "body": "",
        "is_internal": can_note,  # the safer default: a note the customer never sees
    }
    context.update(extra)
    return context


def records_panel(ticket: Ticket, user: Any) -> Mapping[str, Any] | None:
    """The panel's context, or None for a user who may not see the work order."""
    if not Ticket.objects.visible_to(user).filter(pk=ticket.pk).exists():
        return None
    return records_context(ticket, user)
