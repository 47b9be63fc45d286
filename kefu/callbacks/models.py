"""Callbacks and care (回访与客户关怀): callback tasks and their attempts, the rules that create
them, and the daily targets of the people who make the calls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.callbacks.choices import AssigneeStrategy, RuleKind
from kefu.callbacks.querysets import CallbackTaskQuerySet
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
    # Set when the task is done; the attempts before it are CallbackAttempt rows.
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
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_outcome = models.CharField(
        _("last attempt"), max_length=20, choices=CallbackOutcome.choices, blank=True
    )
    rule = models.ForeignKey(
        "CallbackRule",
        verbose_name=_("rule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CallbackTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("callback task")
        verbose_name_plural = _("callback tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="callbacks_todo_idx"),
            models.Index(fields=["status", "due_on"], name="callbacks_due_idx"),
            models.Index(fields=["due_on"], name="callbacks_due_on_idx"),  # KPIs by day
            models.Index(fields=["done_at"], name="callbacks_done_idx"),
        ]
        permissions = [
            ("view_all_callbacks", _("Can see every callback task (supervisors)")),
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.customer_id} {self.reason}"


class CallbackAttempt(models.Model):
    """Callback attempt (回访记录): one call made for a task, reached or not."""

    task = models.ForeignKey(
        CallbackTask, verbose_name=_("callback task"), on_delete=models.CASCADE,
        related_name="attempt_rows",
    )  # fmt: skip
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallbackOutcome.choices)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    closed_task = models.BooleanField(_("closed the task"), default=False)
    # The work order event this attempt came from, when it was recorded on the work order page.
    ticket_event = models.OneToOneField(
        "tickets.TicketEvent",
        verbose_name=_("work order event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("callback attempt")
        verbose_name_plural = _("callback attempts")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.at:%Y-%m-%d %H:%M} {self.outcome}"


class CallbackRule(models.Model):
    """Callback rule (回访规则): which customers get a callback task, and when.

    ``days`` is the rule's N: days after closing (after_close), days to the due date
    (ticket), days ahead (birthday, member day, stored item), days without contact (dormant).
    ``weekdays`` (0 = Monday) limits the days the rule runs; empty means every day.
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    days = models.PositiveSmallIntegerField(_("days (N)"), default=7)
    type_codes = models.JSONField(_("work order types"), default=list, blank=True)
    interval_a_days = models.PositiveSmallIntegerField(_("grade A every (days)"), default=30)
    interval_b_days = models.PositiveSmallIntegerField(_("grade B every (days)"), default=90)
    interval_c_days = models.PositiveSmallIntegerField(_("grade C every (days)"), default=180)
    weekdays = models.JSONField(_("runs on"), default=list, blank=True)
    assignee_strategy = models.CharField(
        _("assign to"),
        max_length=10,
        choices=AssigneeStrategy.choices,
        default=AssigneeStrategy.OWNER,
    )
    team = models.ForeignKey(
        "org.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    daily_limit = models.PositiveIntegerField(
        _("tasks per run at most"), default=0, help_text=_("0 means no limit.")
    )
    note = models.CharField(_("what to ask"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("callback rule")
        verbose_name_plural = _("callback rules")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.name

    def interval_for(self, grade: str) -> int:
        """Days between periodic callbacks for a grade (0: never)."""
        return {
            "A": self.interval_a_days,
            "B": self.interval_b_days,
            "C": self.interval_c_days,
        }.get(grade, 0)


class CallbackTarget(models.Model):
    """Daily target (每日目标): callbacks and new customer records a day, for a person or a role.

    A person's own target wins over its role's; without either the default applies (seed 003:
    at least 10 callbacks and 10 new customers a day).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="callback_target",
    )
    role = models.CharField(_("role"), max_length=30, blank=True)
    callbacks_per_day = models.PositiveSmallIntegerField(_("callbacks a day"), default=10)
    new_customers_per_day = models.PositiveSmallIntegerField(_("new customers a day"), default=10)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("daily target")
        verbose_name_plural = _("daily targets")
        ordering = ["role", "user_id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(role=""))
                | (models.Q(user__isnull=True) & ~models.Q(role="")),
                name="callbacks_target_user_or_role",
            ),
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role=""), name="callbacks_target_role_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.role
