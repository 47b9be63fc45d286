"""Choices of service quality (服务质量枚举): service error types and severities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorType(models.TextChoices):
    """Service error type (差错类型)."""

    ATTITUDE = "attitude", _("Service attitude")
    BUSINESS = "business", _("Business error")
    TIMEOUT = "timeout", _("Over time")
    WRONG_INFO = "wrong_info", _("Wrong information")
    VIOLATION = "violation", _("Breach of the rules")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    """Severity of a service error (差错等级)."""

    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    SEVERE = "severe", _("Severe")
