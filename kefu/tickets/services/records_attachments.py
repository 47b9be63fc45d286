"""Attachments of a work order (工单附件): images and PDF documents, checked by content.

``tickets.attach_file`` uploads; an internal attachment (内部附件) only by a user who
may see internal records (never a partner company's user). The file is written before the row
(see ``kefu.tickets.attachment_files``) and removed again if the row's transaction fails.
"""

from __future__ import annotations

import posixpath
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotPermitted
from kefu.tickets import attachment_files
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketAttachment
from kefu.tickets.record_querysets import sees_internal
from kefu.tickets.services.events import append_event
from kefu.tickets.services.records_common import require, visible_ticket


def clean_name(name: str, extension: str) -> str:
    """The upload's base name without folders or control characters, at most 255 characters."""
    base = posixpath.basename(name.replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip()
    return (base or f"attachment.{extension}")[-255:]


def add_attachment(
    *,
    actor: Any,
    ticket: Ticket,
    content: IO[bytes],
    name: str,
    size: int | None = None,
    is_internal: bool = False,
) -> TicketAttachment:
    """Attach a file (上传附件) to the work order: JPEG, PNG, GIF, WebP or PDF by content, up to
    ``KEFU_ATTACHMENT_MAX_BYTES``. A refused file leaves neither a file nor a row."""
    require(actor, "tickets.attach_file", _("You may not attach files."))
    if is_internal and not sees_internal(actor):
        raise NotPermitted(_("You may not add internal attachments."))
    visible_ticket(actor, ticket)
    at = now()
    stored = attachment_files.store(content, at=at, declared_size=size)
    try:
        with transaction.atomic():
            current = visible_ticket(actor, ticket)
            attachment = TicketAttachment.objects.create(
                ticket=current,
                uploaded_by=actor,
                at=at,
                original_name=clean_name(name, stored.kind.extension),
                content_type=stored.kind.content_type,
                size=stored.size,
                sha256=stored.sha256,
                stored_path=stored.stored_path,
                is_internal=is_internal,
            )
            Ticket.objects.filter(pk=current.pk).update(updated_at=at)
            append_event(
                ticket=current,
                actor=actor,
                at=at,
                kind=EventKind.ATTACHMENT,
                data={
                    "attachment": attachment.pk,
                    "name": attachment.original_name,
                    "size": stored.size,
                    "is_internal": is_internal,
                },
            )
            record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=attachment,
                object_repr=f"{current.number} {attachment.original_name}",
                changes={
                    "ticket": [None, current.number],
                    "sha256": [None, stored.sha256],
                    "is_internal": [None, is_internal],
                },
            )
    except BaseException:
        attachment_files.discard(stored.stored_path)
        raise
    return attachment
