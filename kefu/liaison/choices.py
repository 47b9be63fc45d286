"""Choices of work contact orders (工作联系单枚举)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactOrderStatus(models.TextChoices):
    """Contact order status (联系单状态)."""

    SENT = "sent", _("Sent out")
    ACKNOWLEDGED = "acknowledged", _("Signed for")
    ANSWERED = "answered", _("Replied")
    CANCELLED = "cancelled", _("Voided")


OPEN_STATUSES = (ContactOrderStatus.SENT, ContactOrderStatus.ACKNOWLEDGED)
