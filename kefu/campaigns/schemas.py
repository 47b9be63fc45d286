"""API shapes of campaigns (活动接口数据)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from kefu.campaigns.models import Campaign
from kefu.campaigns.progress import status_counts


class CampaignCounts(Schema):
    queued: int
    sending: int
    sent: int
    failed: int
    skipped: int
    total: int


class CampaignOut(Schema):
    id: int
    name: str
    channel: str
    purpose: str
    status: str
    template: str
    grades: list[str]
    tags: list[str]
    birthday_month: int | None
    member_status: str
    recipient_count: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    counts: CampaignCounts | None


class CampaignPage(Schema):
    items: list[CampaignOut]
    next_cursor: str | None


def campaign_out(campaign: Campaign, *, with_counts: bool = True) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "channel": campaign.channel,
        "purpose": campaign.purpose,
        "status": campaign.status,
        "template": campaign.template.name,
        "grades": list(campaign.grades or []),
        "tags": [t.name for t in campaign.tags.all()],
        "birthday_month": campaign.birthday_month,
        "member_status": campaign.member_status,
        "recipient_count": campaign.recipient_count,
        "created_at": campaign.created_at,
        "started_at": campaign.started_at,
        "finished_at": campaign.finished_at,
        "counts": status_counts(campaign) if with_counts and not campaign.is_draft else None,
    }
