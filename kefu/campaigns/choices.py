"""Choices of campaigns (活动的选项)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    """Campaign status (活动状态)."""

    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Done")


class CampaignPurpose(models.TextChoices):
    """Campaign purpose (活动目的): both need the customer's consent."""

    MARKETING = "marketing", _("Marketing")
    CARE = "care", _("Customer care")


class MemberStatus(models.TextChoices):
    """Member status (会员状态) a segment picks."""

    ANY = "", _("Any")
    MEMBER = "member", _("Member")
    NOT_MEMBER = "not_member", _("Not a member")
    EXPIRING = "expiring", _("Membership expiring within 30 days")
