"""Actions of the records panel (附属记录操作): reply or note, fill a standard reply, attach
and download files, link, merge, tag. Each posts to one service and answers with the panel."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError, ValidationFailed
from kefu.customers.views.common import AuthedRequest, raise_for_access
from kefu.tickets import attachment_files
from kefu.tickets.models import ReplyTemplate, Ticket, TicketAttachment
from kefu.tickets.record_panel import records_context
from kefu.tickets.services.records import (
    add_attachment,
    add_comment,
    link_tickets,
    merge_ticket,
    render_reply_template,
    set_tags,
)
from kefu.tickets.views_records.common import answer, scoped_ticket

TAG_SEPARATORS = re.compile(r"[,，、;；\n]+")


def _other(request: AuthedRequest, field: str) -> Ticket:
    number = request.POST.get(field, "").strip()
    other = Ticket.objects.visible_to(request.user).filter(number=number).first()
    if other is None:
        message = _("No work order you may see has this number.")
        raise ValidationFailed(message, fields={field: [message]})
    return other


@login_required
@require_GET
def records_page(request: AuthedRequest, number: str) -> HttpResponse:
    """The records of one work order on a page of their own (the panel, full width)."""
    ticket = scoped_ticket(request, number)
    return render(
        request,
        "tickets/records/page.html",
        {"ticket": ticket, "ctx": records_context(ticket, request.user)},
    )


@login_required
@require_POST
def comment_add(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    body = request.POST.get("body", "")
    is_internal = request.POST.get("kind", "note") != "reply"
    try:
        add_comment(actor=request.user, ticket=ticket, body=body, is_internal=is_internal)
    except DomainError as exc:
        return answer(
            request, ticket, section="comment", error=exc, body=body, is_internal=is_internal
        )
    done = _("The internal note was added.") if is_internal else _("The reply was recorded.")
    return answer(request, ticket, done=done)


@login_required
@require_GET
def template_fill(request: AuthedRequest, number: str) -> HttpResponse:
    """The comment box with the chosen standard reply, filled in, added to what was typed."""
    ticket = scoped_ticket(request, number)
    body = request.GET.get("body", "")
    code = request.GET.get("template", "")
    if code:
        template = get_object_or_404(ReplyTemplate, code=code, is_active=True)
        try:
            text = render_reply_template(actor=request.user, template=template, ticket=ticket)
        except DomainError as exc:
            raise_for_access(exc)
            raise
        body = f"{body.rstrip()}\n{text}" if body.strip() else text
    return render(request, "tickets/records/_comment_body.html", {"body": body})


@login_required
@require_POST
def attachment_add(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            message = _("Choose a file.")
            raise ValidationFailed(message, fields={"file": [message]})
        add_attachment(
            actor=request.user,
            ticket=ticket,
            content=upload,
            name=upload.name or "",
            size=upload.size,
            is_internal=request.POST.get("is_internal") == "on",
        )
    except DomainError as exc:
        return answer(request, ticket, section="attachment", error=exc)
    return answer(request, ticket, done=_("The file was attached."))


@login_required
@require_GET
def attachment_download(request: AuthedRequest, number: str, pk: int) -> FileResponse:
    ticket = scoped_ticket(request, number)
    attachment = get_object_or_404(
        TicketAttachment.objects.visible_to(request.user), ticket=ticket, pk=pk
    )
    try:
        return attachment_files.download(
            attachment.stored_path,
            name=attachment.original_name,
            content_type=attachment.content_type,
        )
    except DomainError as exc:
        raise_for_access(exc)
        raise


@login_required
@require_POST
def link_add(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    try:
        other = _other(request, "other")
        link_tickets(
            actor=request.user, ticket=ticket, other=other, kind=request.POST.get("kind", "")
        )
    except DomainError as exc:
        return answer(request, ticket, section="link", error=exc)
    return answer(request, ticket, done=_("The work orders were linked."))


@login_required
@require_POST
def merge(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    try:
        target = _other(request, "into")
        merge_ticket(
            actor=request.user,
            source=ticket,
            target=target,
            across_customers=request.POST.get("across_customers") == "on",
        )
    except DomainError as exc:
        return answer(request, ticket, section="merge", error=exc)
    done = _("Merged into %(number)s; this work order is closed.") % {"number": target.number}
    return answer(request, ticket, done=done)


@login_required
@require_POST
def tags_set(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    names = TAG_SEPARATORS.split(request.POST.get("tags", ""))
    try:
        set_tags(actor=request.user, ticket=ticket, names=names)
    except DomainError as exc:
        return answer(request, ticket, section="tags", error=exc)
    return answer(request, ticket, done=_("The tags were saved."))
