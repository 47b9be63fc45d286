"""Standard replies API (标准回复语接口): ``reply_templates_router``, to be mounted at
/api/v1/reply-templates: the active templates, and one filled in for a work order."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, require_perm
from kefu.tickets.api.record_common import actor_of, ticket_in_scope
from kefu.tickets.api.record_schemas import RenderedReplyOut, ReplyTemplateOut
from kefu.tickets.models import ReplyTemplate
from kefu.tickets.services.records import render_reply_template

reply_templates_router = Router()


@reply_templates_router.get(
    "", response={200: list[ReplyTemplateOut], **COMMON_ERRORS}, summary="Standard replies"
)
def list_reply_templates(request: HttpRequest) -> list[dict[str, Any]]:
    """The active standard replies (标准回复语), in their order."""
    require_perm(request, "tickets.view_replytemplate")
    return [
        {"code": t.code, "title": t.title, "body": t.body}
        for t in ReplyTemplate.objects.filter(is_active=True)
    ]


@reply_templates_router.get(
    "/{code}/render",
    response={200: RenderedReplyOut, **DETAIL_ERRORS},
    summary="Fill a standard reply in for a work order",
)
def render_reply(request: HttpRequest, code: str, ticket: str) -> dict[str, Any]:
    """The template's text with the variables of the work order numbered ``ticket``
    ({customer_name}, {number}, {title}, {agent_name}, {due}, {type_name}); a variable without a
    value stays as written."""
    require_perm(request, "tickets.view_replytemplate")
    template = get_object_or_404(ReplyTemplate, code=code, is_active=True)
    work_order = ticket_in_scope(request, ticket)
    text = render_reply_template(actor=actor_of(request), template=template, ticket=work_order)
    return {"code": template.code, "title": template.title, "text": text}
