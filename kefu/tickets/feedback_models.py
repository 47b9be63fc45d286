"""Satisfaction records (满意度记录): every satisfaction a customer gave, wherever it was asked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.tickets.choices import Satisfaction


class SatisfactionSource(models.TextChoices):
    """Where the satisfaction was asked (满意度来源)."""

    CONFIRMATION = "confirmation", _("Confirmation of the reply")
    CALLBACK = "callback", _("Callback")
    SURVEY = "survey", _("Survey")


class SatisfactionRecord(models.Model):
    """Satisfaction record (满意度记录): one five-point answer of a customer.

    The satisfaction rate counts these (seed 001: (非常满意 + 满意) / surveyed). Written by
    the confirmation step of a work order, by a callback and by a survey answer; append-only.
    """

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="satisfaction_records",
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="satisfaction_records",
    )
    level = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    source = models.CharField(_("source"), max_length=20, choices=SatisfactionSource.choices)
    at = models.DateTimeField(_("time"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("satisfaction record")
        verbose_name_plural = _("satisfaction records")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at", "level"], name="tickets_satisf_at_idx"),
            models.Index(fields=["ticket", "-at"], name="tickets_satisf_ticket_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.level}"
