"""Helpers of the campaign pages (活动页面公共件): the scoped campaign, its preview."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from kefu.campaigns.models import Campaign
from kefu.campaigns.segments import customers_in, reachable
from kefu.campaigns.services import segment_of
from kefu.core.clock import today
from kefu.core.masking import mask_email, mask_phone
from kefu.customers.views.common import AuthedRequest

SAMPLE_SIZE = 10


def scoped_campaign(request: AuthedRequest, pk: int) -> Campaign:
    """The campaign ``pk`` if the user may see it, else 404."""
    return get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("template", "created_by"), pk=pk
    )


@dataclass(frozen=True)
class SampleRow:
    name: str
    grade: str
    address: str
    reachable: bool


@dataclass(frozen=True)
class Preview:
    """Preview (预览) of a draft campaign: how many customers, how many reachable, a sample."""

    size: int
    reachable: int
    sample: list[SampleRow]


def preview(campaign: Campaign) -> Preview:
    rows = customers_in(segment_of(campaign), today=today())
    ok = reachable(rows, channel=campaign.channel)
    customers = list(rows.order_by("pk")[:SAMPLE_SIZE])
    reachable_ids = set(ok.filter(pk__in=[c.pk for c in customers]).values_list("pk", flat=True))
    sample = [
        SampleRow(
            name=c.name,
            grade=c.grade,
            address=mask_phone(c.phone) if campaign.channel == "sms" else mask_email(c.email),
            reachable=c.pk in reachable_ids,
        )
        for c in customers
    ]
    return Preview(size=rows.count(), reachable=ok.count(), sample=sample)
