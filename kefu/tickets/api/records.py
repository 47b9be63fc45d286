"""Work order records API (工单附属记录接口) under /api/v1/tickets/{number}/: comments and
attachments (multipart upload, download) here; links, merge and tags in ``record_links``.

Thin: every read goes through ``visible_to`` (a work order or record out of scope is 404;
internal notes and attachments are left out for partner users), every write is one service.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Form, Router, Status, UploadedFile

from kefu.core.api import DETAIL_ERRORS, WRITE_ERRORS
from kefu.tickets import attachment_files
from kefu.tickets.api.record_common import actor_of, ticket_in_scope
from kefu.tickets.api.record_links import router as links_router
from kefu.tickets.api.record_schemas import AttachmentOut, CommentIn, CommentOut
from kefu.tickets.models import TicketAttachment, TicketComment
from kefu.tickets.services.records import add_attachment, add_comment
from kefu.tickets.sniffing import ACCEPTED

router = Router()
router.add_router("", links_router)

ATTACHMENT_DOWNLOAD = "ticket_attachment_download"


def comment_out(comment: TicketComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "at": comment.at,
        "author": str(comment.author) if comment.author else None,
        "body": comment.body,
        "is_internal": comment.is_internal,
    }


def attachment_out(attachment: TicketAttachment, number: str) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "at": attachment.at,
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "is_internal": attachment.is_internal,
        "uploaded_by": str(attachment.uploaded_by) if attachment.uploaded_by else None,
        "download_url": reverse(
            f"api:{ATTACHMENT_DOWNLOAD}",
            kwargs={"number": number, "attachment_id": attachment.pk},
        ),
    }


# --- comments -------------------------------------------------------------------------------


@router.get(
    "/{number}/comments",
    response={200: list[CommentOut], **DETAIL_ERRORS},
    summary="Replies and internal notes",
)
def list_comments(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Oldest first. Internal notes are left out for users who may not see them (partners)."""
    ticket = ticket_in_scope(request, number)
    comments = (
        TicketComment.objects.visible_to(actor_of(request))
        .filter(ticket=ticket)
        .select_related("author")
    )
    return [comment_out(c) for c in comments]


@router.post(
    "/{number}/comments",
    response={201: CommentOut, **WRITE_ERRORS},
    summary="Reply to the customer or add an internal note",
)
def post_comment(request: HttpRequest, number: str, payload: CommentIn) -> Status[dict[str, Any]]:
    """A reply to the customer needs ``tickets.reply_ticket``; the first one stamps
    ``first_response_at`` if it is still empty."""
    ticket = ticket_in_scope(request, number)
    comment = add_comment(
        actor=actor_of(request), ticket=ticket, body=payload.body, is_internal=payload.is_internal
    )
    return Status(201, comment_out(comment))


# --- attachments ----------------------------------------------------------------------------


@router.get(
    "/{number}/attachments",
    response={200: list[AttachmentOut], **DETAIL_ERRORS},
    summary="Attachments",
)
def list_attachments(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    ticket = ticket_in_scope(request, number)
    attachments = (
        TicketAttachment.objects.visible_to(actor_of(request))
        .filter(ticket=ticket)
        .select_related("uploaded_by")
    )
    return [attachment_out(a, ticket.number) for a in attachments]


@router.post(
    "/{number}/attachments",
    response={201: AttachmentOut, **WRITE_ERRORS},
    summary="Upload an attachment (multipart)",
)
def post_attachment(
    request: HttpRequest,
    number: str,
    file: File[UploadedFile],
    is_internal: Form[bool] = False,
) -> Status[dict[str, Any]]:
    """A JPEG, PNG, GIF, WebP image or a PDF document, recognised by its content (the name and
    declared type are ignored), up to ``KEFU_ATTACHMENT_MAX_BYTES`` (10 MiB by default);
    anything else is refused with 422 and nothing is stored."""
    ticket = ticket_in_scope(request, number)
    attachment = add_attachment(
        actor=actor_of(request),
        ticket=ticket,
        content=file,
        name=file.name or "",
        size=file.size,
        is_internal=is_internal,
    )
    return Status(201, attachment_out(attachment, ticket.number))


@router.get(
    "/{number}/attachments/{attachment_id}",
    response=DETAIL_ERRORS,
    url_name=ATTACHMENT_DOWNLOAD,
    summary="Download an attachment",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as an attachment, with its detected content type.",
                "content": {
                    mime: {"schema": {"type": "string", "format": "binary"}}
                    for mime in (
                        *(kind.content_type for kind in ACCEPTED),
                        "application/octet-stream",
                    )
                },
            }
        }
    },
)
def download_attachment(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    ticket = ticket_in_scope(request, number)
    attachment = get_object_or_404(
        TicketAttachment.objects.visible_to(actor_of(request)), ticket=ticket, pk=attachment_id
    )
    return attachment_files.download(
        attachment.stored_path,
        name=attachment.original_name,
        content_type=attachment.content_type,
    )
