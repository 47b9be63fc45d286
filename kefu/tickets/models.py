"""Work orders (工单): types, workflow versions, tickets, their events and number sequences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.core.appendonly import AppendOnlyModel
from kefu.tickets.choices import Channel, EventKind, Priority, Status
from kefu.tickets.model_indexes import SCALE_INDEXES
from kefu.tickets.querysets import (
    TicketEventQuerySet,
    TicketQuerySet,
    WorkflowVersionQuerySet,
)
from kefu.tickets.workflow_cache import Workflow, parsed


class TicketType(models.Model):
    """Work order type (工单类型): consultation, complaint, repair, after-sales, suggestion."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=50)
    number_prefix = models.CharField(
        _("number prefix"), max_length=8, unique=True, help_text=_("E.g. TS for complaints.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("work order type")
        verbose_name_plural = _("work order types")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name_zh


class WorkflowVersion(models.Model):
    """Workflow version (流程版本): one published, immutable definition of a type's workflow."""

    ticket_type = models.ForeignKey(
        TicketType,
        verbose_name=_("work order type"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    version = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    published_at = models.DateTimeField(_("published at"))

    objects = WorkflowVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("workflow version")
        verbose_name_plural = _("workflow versions")
        ordering = ["ticket_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "version"], name="tickets_workflow_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_type} v{self.version}"

    def workflow(self) -> Workflow:
        """The stored definition as a workflow of the pure engine (流程定义), parsed once."""
        return parsed(self)


class Ticket(models.Model):
    """Work order (工单): one customer contact of some type, moving through its workflow."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    ticket_type = models.ForeignKey(
        TicketType, verbose_name=_("work order type"), on_delete=models.PROTECT, related_name="+"
    )
    workflow_version = models.ForeignKey(
        WorkflowVersion,
        verbose_name=_("workflow version"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    state = models.CharField(_("state"), max_length=50)
    status_category = models.CharField(_("status"), max_length=30, choices=Status.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    category = models.CharField(_("category"), max_length=100, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    team = models.ForeignKey(
        "org.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.ForeignKey(
        "org.Department",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "partner"},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reopen_count = models.PositiveIntegerField(_("reopen count"), default=0)
    next_due_at = models.DateTimeField(_("next due at"), null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status_category", "next_due_at", "id"], name="tickets_queue_idx"),
            models.Index(fields=["customer", "-id"], name="tickets_customer_idx"),
            *SCALE_INDEXES,
        ]
        permissions = [
            ("view_all_tickets", _("Can view every work order")),
            ("classify_ticket", _("Can classify work orders")),
            ("forward_ticket", _("Can forward work orders to a responsible department")),
            ("dispatch_ticket", _("Can dispatch repairs to a contractor")),
            ("handle_ticket", _("Can handle work orders forwarded to the department")),
            ("reply_ticket", _("Can reply to customers and confirm satisfaction")),
            ("accept_repair", _("Can accept or reject a repair")),
            ("approve_return", _("Can approve or reject a return or exchange")),
            ("archive_ticket", _("Can archive or close work orders")),
            ("reopen_ticket", _("Can reopen work orders")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class TicketEvent(AppendOnlyModel):
    """Work order event (工单事件): one immutable step of a ticket's history, who and when."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("work order"), on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    from_state = models.CharField(_("from state"), max_length=50, blank=True)
    to_state = models.CharField(_("to state"), max_length=50, blank=True)
    transition = models.CharField(_("step"), max_length=50, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects = TicketEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("work order event")
        verbose_name_plural = _("work order events")
        ordering = ["ticket", "id"]
        indexes = [models.Index(fields=["ticket", "id"], name="tickets_event_ticket_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.transition}".strip()


class DailySequence(models.Model):
    """Daily number sequence (每日流水号): the last number issued for a prefix on a day."""

    prefix = models.CharField(_("prefix"), max_length=8)
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("daily number sequence")
        verbose_name_plural = _("daily number sequences")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="tickets_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.day:%Y%m%d}: {self.last}"


# Records around a work order (附件、留言、标准回复语、关联、标签) live in their own module.
from kefu.tickets import record_models  # noqa: E402

ReplyTemplate = record_models.ReplyTemplate
TicketAttachment = record_models.TicketAttachment
TicketComment = record_models.TicketComment
TicketLink = record_models.TicketLink
TicketTag = record_models.TicketTag

# Satisfaction answers (满意度记录), from confirmations, callbacks and surveys.
from kefu.tickets import feedback_models  # noqa: E402

SatisfactionRecord = feedback_models.SatisfactionRecord
