"""Surveys API (调查接口) at /api/v1/surveys: read responses, send a work order's survey.

Thin: reads go through ``SurveyResponse.objects.visible_to`` (out of scope is invisible);
the write calls ``invite_for_ticket``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.paging import keyset_page
from kefu.surveys.filters import ResponseFilters, filtered
from kefu.surveys.models import SurveyAnswer, SurveyResponse
from kefu.surveys.schemas import (
    InvitationIn,
    InvitationOut,
    ResponseFiltersIn,
    ResponsePage,
    invitation_out,
    response_out,
)
from kefu.surveys.services import invite_for_ticket
from kefu.tickets.models import Ticket

router = Router()


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


@router.get("/responses", response={200: ResponsePage, **COMMON_ERRORS}, summary="List responses")
def list_responses(request: HttpRequest, filters: Query[ResponseFiltersIn]) -> dict[str, Any]:
    """Survey responses the caller may see, newest first, a keyset page at a time."""
    require_perm(request, "surveys.view_surveyresponse")
    qs = filtered(
        SurveyResponse.objects.visible_to(_actor(request)),
        ResponseFilters(
            date_from=filters.date_from,
            date_to=filters.date_to,
            level=filters.level or "",
            campaign_id=filters.campaign,
            ticket_number=filters.ticket,
        ),
    )
    qs = qs.select_related("template", "ticket").prefetch_related(
        Prefetch(
            "answers",
            queryset=SurveyAnswer.objects.select_related("question").order_by(
                "question__order", "id"
            ),
        )
    )
    page = keyset_page(qs, cursor=filters.cursor, limit=filters.limit, order="-submitted_at")
    return {"items": [response_out(r) for r in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/invitations",
    response={201: InvitationOut, **WRITE_ERRORS},
    summary="Send a work order's satisfaction survey",
)
def post_invitation(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    """Send the customer of the work order ``ticket`` (its number) the survey link by
    ``channel``; returns the invitation with its link. 409 while an earlier survey of the
    work order still waits for the answer."""
    actor = _actor(request)
    require_perm(request, "surveys.add_surveyinvitation")
    ticket = get_object_or_404(Ticket.objects.visible_to(actor), number=payload.ticket)
    invitation = invite_for_ticket(actor=actor, ticket=ticket, channel=payload.channel)
    return Status(201, invitation_out(invitation))
