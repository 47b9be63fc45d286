"""Comments on a work order (工单留言): replies to the customer and internal notes.

A reply to the customer (客户回复) needs ``tickets.reply_ticket``; an internal note (内部备注)
``tickets.write_note`` (service staff and department handlers; partner users neither). The
first reply to the customer stamps the work order's ``first_response_at`` if no workflow step
has done so yet (first response, 首次响应); an internal note never does.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketComment
from kefu.tickets.services.events import append_event
from kefu.tickets.services.records_common import require, visible_ticket

MAX_BODY = 10_000


def add_comment(*, actor: Any, ticket: Ticket, body: str, is_internal: bool) -> TicketComment:
    """Add a reply to the customer or an internal note (添加客户回复/内部备注) to the work order."""
    if is_internal:
        require(actor, "tickets.write_note", _("You may not write internal notes."))
    else:
        require(actor, "tickets.reply_ticket", _("You may not reply to customers."))
    text = body.strip()
    if not text:
        message = _("Enter the text.")
        raise ValidationFailed(message, fields={"body": [message]})
    if len(text) > MAX_BODY:
        message = _("The text is too long.")
        raise ValidationFailed(message, fields={"body": [message]})
    if "\x00" in text:
        message = _("The text contains a null character.")
        raise ValidationFailed(message, fields={"body": [message]})
    with transaction.atomic():
        current = visible_ticket(actor, ticket)
        at = now()
        comment = TicketComment.objects.create(
            ticket=current, author=actor, at=at, body=text, is_internal=is_internal
        )
        Ticket.objects.filter(pk=current.pk).update(updated_at=at)
        # Conditional on the column, so that a concurrent first response is never overwritten.
        first_response = not is_internal and bool(
            Ticket.objects.filter(pk=current.pk, first_response_at__isnull=True).update(
                first_response_at=at
            )
        )
        append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.NOTE if is_internal else EventKind.COMMENT,
            data={"comment": comment.pk, "first_response": first_response},
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=comment,
            object_repr=f"{current.number} {comment}",
            changes={"ticket": [None, current.number], "is_internal": [None, is_internal]},
        )
    return comment
