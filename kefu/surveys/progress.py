"""Progress of survey campaigns (调查活动进度): sent, opened, answered. Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kefu.surveys.choices import InvitationStatus
from kefu.surveys.models import SurveyCampaign


@dataclass(frozen=True)
class Progress:
    invited: int
    sent: int
    failed: int
    opened: int
    answered: int

    def percent(self, part: int) -> int:
        return round(part * 100 / self.invited) if self.invited else 0

    @property
    def answered_percent(self) -> int:
        return self.percent(self.answered)


def with_progress(campaigns: QuerySet[SurveyCampaign]) -> QuerySet[SurveyCampaign]:
    return campaigns.annotate(
        n_invited=Count("invitations"),
        n_sent=Count("invitations", filter=Q(invitations__sent_at__isnull=False)),
        n_failed=Count("invitations", filter=Q(invitations__status=InvitationStatus.FAILED)),
        n_opened=Count("invitations", filter=Q(invitations__opened_at__isnull=False)),
        n_answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    )


def progress_of(campaign: SurveyCampaign) -> Progress:
    """Progress of an annotated campaign (``with_progress``)."""
    return Progress(
        invited=getattr(campaign, "n_invited", 0),
        sent=getattr(campaign, "n_sent", 0),
        failed=getattr(campaign, "n_failed", 0),
        opened=getattr(campaign, "n_opened", 0),
        answered=getattr(campaign, "n_answered", 0),
    )
