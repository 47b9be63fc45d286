"""Choices of messaging (消息发送的选项)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Channel (发送渠道) of a message to a customer."""

    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")


class Purpose(models.TextChoices):
    """Purpose (发送目的): marketing and care need consent; service messages do not."""

    MARKETING = "marketing", _("Marketing")
    CARE = "care", _("Customer care")
    SERVICE = "service", _("Service")


# Purposes that need the customer's marketing consent and carry an unsubscribe link.
CONSENT_PURPOSES = frozenset({Purpose.MARKETING.value, Purpose.CARE.value})


class DeliveryStatus(models.TextChoices):
    """Delivery status (发送状态)."""

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


FINAL_STATUSES = frozenset(
    {DeliveryStatus.SENT.value, DeliveryStatus.FAILED.value, DeliveryStatus.SKIPPED.value}
)


class SkipReason(models.TextChoices):
    """Why a message was not sent (未发送原因)."""

    NO_ADDRESS = "no_address", _("No phone number or email address")
    BAD_ADDRESS = "bad_address", _("Invalid phone number or email address")
    NO_CONSENT = "no_consent", _("No marketing consent")
    OPTED_OUT = "opted_out", _("Unsubscribed from this channel")
    INACTIVE = "inactive", _("Customer archived or merged")
