"""Campaigns API (活动接口) at /api/v1/campaigns: list and read campaigns, start a send.

Thin: reads go through ``Campaign.objects.visible_to``; "send" calls ``start_campaign``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kefu.accounts.models import User
from kefu.campaigns.models import Campaign
from kefu.campaigns.querysets import CampaignQuerySet
from kefu.campaigns.schemas import CampaignOut, CampaignPage, campaign_out
from kefu.campaigns.services import start_campaign
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.paging import keyset_page

router = Router()


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


def _visible(request: HttpRequest) -> CampaignQuerySet:
    return (
        Campaign.objects.visible_to(_actor(request))
        .select_related("template")
        .prefetch_related("tags")
    )


@router.get("", response={200: CampaignPage, **COMMON_ERRORS}, summary="List campaigns")
def list_campaigns(
    request: HttpRequest, cursor: str | None = None, limit: int = 25
) -> dict[str, Any]:
    """Campaigns, newest first, a keyset page at a time (counts only on the detail)."""
    require_perm(request, "campaigns.view_campaign")
    page = keyset_page(_visible(request), cursor=cursor, limit=limit)
    return {
        "items": [campaign_out(c, with_counts=False) for c in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/{campaign_id}", response={200: CampaignOut, **DETAIL_ERRORS}, summary="Read a campaign"
)
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    """One campaign with its deliveries counted by status."""
    require_perm(request, "campaigns.view_campaign")
    return campaign_out(get_object_or_404(_visible(request), pk=campaign_id))


@router.post(
    "/{campaign_id}/send",
    response={202: CampaignOut, **WRITE_ERRORS},
    summary="Send a draft campaign",
)
def send_campaign(request: HttpRequest, campaign_id: int) -> Status[dict[str, Any]]:
    """Fix the segment and start sending (202: the messages are written in the background).
    A campaign already sent is a 409."""
    require_perm(request, "campaigns.send_campaign")
    campaign = get_object_or_404(_visible(request), pk=campaign_id)
    started = start_campaign(actor=_actor(request), campaign=campaign)
    return Status(202, campaign_out(started))
