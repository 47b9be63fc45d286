"""Campaign progress (活动进度): its deliveries counted by status."""

from __future__ import annotations

from django.db.models import Count

from kefu.campaigns.models import Campaign
from kefu.messaging.choices import DeliveryStatus
from kefu.messaging.models import Delivery


def status_counts(campaign: Campaign) -> dict[str, int]:
    """Deliveries of the campaign per status (every status present, zero when none)."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    rows = (
        Delivery.objects.for_campaign(campaign.key)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in DeliveryStatus.values)
    return counts


def percent_settled(campaign: Campaign, counts: dict[str, int]) -> int:
    """Share of the segment whose message is settled (sent, failed or skipped), 0–100."""
    settled = counts["sent"] + counts["failed"] + counts["skipped"]
    total = max(campaign.recipient_count, counts["total"])
    if not total:
        return 100 if campaign.status == "done" else 0
    return min(100, settled * 100 // total)
