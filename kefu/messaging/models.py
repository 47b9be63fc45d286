"""Models of messaging (消息发送): deliveries, opt-outs and the per-minute send windows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.core.masking import mask_email, mask_phone
from kefu.messaging.choices import Channel, DeliveryStatus, Purpose, SkipReason
from kefu.messaging.querysets import DeliveryQuerySet


class Delivery(models.Model):
    """Delivery (发送记录): one message to one customer on one channel, and what became of it.

    Written queued (or skipped, with the reason) by ``services.send_message``; a worker claims
    a queued row by a conditional UPDATE (queued → sending) before it talks to the provider,
    so each message goes out at most once, then marks it sent or failed.
    """

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    campaign_key = models.CharField(_("campaign"), max_length=100, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    reason = models.CharField(_("reason"), max_length=20, choices=SkipReason.choices, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_message_id = models.CharField(_("provider message ID"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["status", "channel", "next_attempt_at"], name="delivery_outbox_idx"
            ),
            models.Index(fields=["campaign_key", "status"], name="delivery_campaign_idx"),
            models.Index(fields=["customer", "-id"], name="delivery_customer_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="delivery_dedupe_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.masked_address}"

    @property
    def masked_address(self) -> str:
        if self.channel == Channel.SMS:
            return mask_phone(self.address)
        return mask_email(self.address)


class OptOut(models.Model):
    """Opt-out (退订): the customer wants no more marketing or care messages on a channel."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="opt_outs",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(_("unsubscribed at"))
    source = models.CharField(_("source"), max_length=20, default="link")

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        ordering = ["-id"]
        # Not unique: merging two customers who both opted out keeps both rows.
        indexes = [models.Index(fields=["customer", "channel"], name="optout_customer_idx")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.channel}"


class SendWindow(models.Model):
    """Send window (发送窗口): messages handed to a channel's provider in one clock minute.

    Taking a slot is a conditional UPDATE (``used < limit``), so concurrent workers never
    exceed the per-minute limit together.
    """

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    minute = models.DateTimeField(_("minute"))
    used = models.PositiveIntegerField(_("used"), default=0)

    class Meta:
        verbose_name = _("send window")
        verbose_name_plural = _("send windows")
        constraints = [
            models.UniqueConstraint(fields=["channel", "minute"], name="sendwindow_channel_minute"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.minute:%H:%M} {self.used}"
