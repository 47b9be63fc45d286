"""Choices of surveys (调查选项)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    """Question kind (题型)."""

    SATISFACTION = "satisfaction", _("Five-point satisfaction")
    CHOICE = "choice", _("Single choice")
    TEXT = "text", _("Free text")


class SurveyChannel(models.TextChoices):
    """How the link is sent (发送渠道)."""

    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")


class SegmentKind(models.TextChoices):
    """Who a campaign asks (调查对象)."""

    CLOSED_TICKETS = "closed_tickets", _("Customers of work orders closed in a date range")
    GRADES = "grades", _("Customers of given grades")


class CampaignStatus(models.TextChoices):
    """Campaign status (调查活动状态)."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class InvitationStatus(models.TextChoices):
    """Invitation status (邀请状态)."""

    PENDING = "pending", _("Not sent yet")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")
    OPENED = "opened", _("Opened")
    ANSWERED = "answered", _("Responded")
