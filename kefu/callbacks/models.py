"""Callback tasks (回访任务): who calls which customer back, why, by when, and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.tickets.choices import CallbackOutcome, Satisfaction


class CallbackReason(models.TextChoices):
    """Why the customer is called back (回访原因)."""

    TICKET = "ticket", _("Work order callback")
    AFTER_CLOSE = "after_close", _("After a complaint or repair closed")
    PERIODIC = "periodic", _("Periodic care by grade")
    BIRTHDAY = "birthday", _("Birthday")
    MEMBER_DAY = "member_day", _("Member day")
    DORMANT = "dormant", _("No contact for a long time")
    STORED_ITEM = "stored_item", _("Stored item about to expire")
    MANUAL = "manual", _("Other")


class CallbackStatus(models.TextChoices):
    """State of a callback task (回访任务状态)."""

    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CallbackTask(models.Model):
    """Callback task (回访任务): call a customer back for a reason by a day.

    ``dedupe_key`` makes every automatic creation idempotent: a rule run twice, or a workflow
    step repeated, finds the task already there (unique constraint).
    """

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="callback_tasks",
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callback_tasks",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=CallbackReason.choices)
    note = models.CharField(_("what to ask"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callback_tasks",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=CallbackOutcome.choices, blank=True
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    next_callback_on = models.DateField(_("next callback on"), null=True, blank=True)
    rule_key = models.CharField(_("rule"), max_length=50, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("created at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("callback task")
        verbose_name_plural = _("callback tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="callbacks_todo_idx"),
            models.Index(fields=["status", "due_on"], name="callbacks_due_idx"),
            models.Index(fields=["done_at"], name="callbacks_done_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.customer_id} {self.reason}"
