"""Background jobs of campaigns (活动后台任务): write a campaign's messages; resume runs."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kefu.campaigns.choices import CampaignStatus
from kefu.campaigns.models import Campaign
from kefu.campaigns.services import run_campaign


def run_one(campaign_id: int) -> int:
    return run_campaign(campaign_id)


def resume_all() -> int:
    """Resume every campaign still sending (a worker stopped half-way)."""
    ids = list(Campaign.objects.filter(status=CampaignStatus.SENDING).values_list("pk", flat=True))
    return sum(run_campaign(pk) for pk in ids)


# Calling a task enqueues it; ``.call_local(...)`` runs it here.
run_soon = db_task(name="campaigns.run")(run_one)
resume = db_periodic_task(crontab(minute="*/5"), name="campaigns.resume")(resume_all)
