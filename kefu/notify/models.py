"""Notifications (通知): messages to one user, shown in the console and sent by email."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.notify.querysets import NotificationQuerySet


class EmailState(models.TextChoices):
    """Email delivery state (邮件发送状态) of a notification."""

    NONE = "none", _("Not emailed")
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """Notification (通知): one message to one user, read in the console, maybe emailed.

    An email is sent at most once: the sender claims a pending row by a conditional UPDATE
    (pending → sending) before talking to the SMTP server.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    email_error = models.CharField(_("email error"), max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-id"], name="notify_inbox_idx"),
            models.Index(fields=["email_state", "id"], name="notify_outbox_idx"),
        ]

    def __str__(self) -> str:
        return self.subject
