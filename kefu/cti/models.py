"""Phone calls (来电): one row per call reported by the CTI system; agents' extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.cti.choices import State
from kefu.cti.querysets import CallQuerySet


class AgentExtension(models.Model):
    """Agent extension (坐席分机): which user answers at a phone extension."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="phone_extensions",
    )
    extension = models.CharField(_("extension"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("agent extension")
        verbose_name_plural = _("agent extensions")
        ordering = ["extension"]

    def __str__(self) -> str:
        return f"{self.extension} → {self.user}"


class Call(models.Model):
    """Phone call (来电): a caller's call as the CTI system reported it, matched to a customer
    and an agent, and the work order opened from it."""

    call_id = models.CharField(_("call ID"), max_length=64, unique=True)
    caller = models.CharField(_("caller number"), max_length=20)
    caller_last4 = models.CharField(_("last 4 digits"), max_length=4, blank=True, editable=False)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        help_text=_("Set when exactly one customer has the caller's number."),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    ringing_at = models.DateTimeField(_("ringing at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"))
    last_event_at = models.DateTimeField(_("last event at"))
    duration_seconds = models.PositiveIntegerField(_("talk time (seconds)"), null=True, blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("phone call")
        verbose_name_plural = _("phone calls")
        ordering = ["-started_at", "-id"]
        permissions = [("view_all_calls", _("Can see every phone call"))]
        indexes = [
            models.Index(fields=["agent", "state", "last_event_at"], name="cti_call_agent_idx"),
            models.Index(fields=["state", "last_event_at"], name="cti_call_state_idx"),
            models.Index(fields=["started_at", "id"], name="cti_call_started_idx"),
            models.Index(fields=["caller"], name="cti_call_caller_idx"),
            models.Index(fields=["caller_last4"], name="cti_call_last4_idx"),
            models.Index(fields=["customer", "started_at"], name="cti_call_customer_idx"),
        ]

    def __str__(self) -> str:
        return self.call_id

    @property
    def can_open_ticket(self) -> bool:
        """Whether the call may become a work order now: answered or over, and none yet."""
        return self.ticket_id is None and self.state != State.RINGING
