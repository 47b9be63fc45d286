"""Choices of deadlines (时限枚举)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    """Deadline kind (时限类型)."""

    FIRST_RESPONSE = "first_response", _("First response")
    RESOLVE = "resolve", _("Resolution")
    CONTACT_ACT = "contact_act", _("Partner acts")
    CONTACT_REPLY = "contact_reply", _("Partner replies")
    OTHER = "other", _("Other deadline")


# Deadlines whose clock follows an SLA policy (and stops while waiting on the customer).
SLA_KINDS = frozenset({DeadlineKind.FIRST_RESPONSE.value, DeadlineKind.RESOLVE.value})
