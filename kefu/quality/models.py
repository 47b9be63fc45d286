"""Service errors (服务差错): mistakes registered against a work order or a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.quality.choices import ErrorType, Severity
from kefu.quality.querysets import ServiceErrorQuerySet


class ServiceError(models.Model):
    """Service error (服务差错): one mistake in serving a customer, with type and severity.

    Held against a work order, a person, or both (at least one). The service error rate of
    seed 001 四 counts these by ``occurred_on``.
    """

    occurred_on = models.DateField(_("occurred on"))
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_errors",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_errors",
    )
    error_type = models.CharField(_("error type"), max_length=20, choices=ErrorType.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("description"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"))

    objects = ServiceErrorQuerySet.as_manager()

    class Meta:
        verbose_name = _("service error")
        verbose_name_plural = _("service errors")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["occurred_on"], name="quality_error_day_idx"),
            models.Index(fields=["person", "-occurred_on"], name="quality_error_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ticket__isnull=False) | models.Q(person__isnull=False),
                name="quality_error_ticket_or_person",
            )
        ]
        permissions = [("view_all_serviceerrors", _("Can view every service error"))]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.error_type} {self.severity}"
