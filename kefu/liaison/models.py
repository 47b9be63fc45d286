"""Work contact orders (工作联系单): numbered work sent to a department or partner company."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.liaison.choices import OPEN_STATUSES, ContactOrderStatus
from kefu.liaison.querysets import ContactOrderQuerySet


class ContactOrder(models.Model):
    """Work contact order (工作联系单): the requested action for one work order, addressed to a
    department or partner, with its deadlines (act within 8 working hours, reply by) and answer.
    """

    number = models.CharField(_("number"), max_length=32, unique=True)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="contact_orders",
    )
    addressed_to = models.ForeignKey(
        "org.Department",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="contact_orders",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))
    requested_action = models.TextField(_("requested action"))
    act_by = models.DateTimeField(_("act by"))
    reply_by = models.DateTimeField(_("reply by"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactOrderStatus.choices,
        default=ContactOrderStatus.SENT,
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    cause = models.TextField(_("cause"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    repair_report = models.TextField(_("repair report"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects = ContactOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("work contact order")
        verbose_name_plural = _("work contact orders")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["addressed_to", "status", "reply_by"], name="liaison_inbox_idx"),
            models.Index(fields=["ticket", "-id"], name="liaison_ticket_idx"),
            # Partner timeliness (KPI) counts contact orders by their reply-by time.
            models.Index(fields=["reply_by"], name="liaison_reply_by_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(status__in=["sent", "acknowledged"]),
                name="liaison_one_open_order_per_ticket",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, at: dt.datetime) -> bool:
        """Still open past its reply deadline, or unacknowledged past its time to act."""
        if not self.is_open:
            return False
        return self.reply_by < at or (self.status == ContactOrderStatus.SENT and self.act_by < at)

    def is_act_overdue(self, at: dt.datetime) -> bool:
        return self.status == ContactOrderStatus.SENT and self.act_by < at
