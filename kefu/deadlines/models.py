"""Deadlines (时限) of work orders: SLA targets and partner obligations, watched by a job."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.deadlines.choices import DeadlineKind
from kefu.deadlines.querysets import DeadlineQuerySet


class Deadline(models.Model):
    """Deadline (时限): one target time of a work order, its warning and its escalations.

    The clock of an SLA deadline runs in working time on its calendar and stops while the
    work order waits on the customer: ``spent_minutes`` is the working time used before the
    current run, ``running_since`` the start of the current run (empty while paused).
    ``next_check_at`` is when the watcher next has something to do (warn, breach, escalate);
    the watcher claims that step by a conditional UPDATE on ``stage``, so two workers never
    act on the same step.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeadlineKind.choices)
    ref = models.CharField(_("reference"), max_length=40, blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    policy = models.ForeignKey(
        "sla.SlaPolicy",
        verbose_name=_("SLA policy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    calendar = models.ForeignKey(
        "sla.BusinessCalendar",
        verbose_name=_("calendar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_minutes = models.PositiveIntegerField(_("target (working minutes)"), null=True)
    warn_percent = models.PositiveSmallIntegerField(_("warn at (percent)"), default=80)
    escalate_every_minutes = models.PositiveIntegerField(_("escalate every (minutes)"), default=60)
    escalation_chain = models.JSONField(_("escalation chain"), default=list)
    started_at = models.DateTimeField(_("started at"))
    spent_minutes = models.PositiveIntegerField(_("working minutes spent"), default=0)
    running_since = models.DateTimeField(_("running since"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    warn_at = models.DateTimeField(_("warn at"), null=True, blank=True)
    # 0 = nothing sent, 1 = warned, 2 = breached (first escalation), 3… = further escalations.
    stage = models.PositiveSmallIntegerField(_("stage"), default=0)
    next_check_at = models.DateTimeField(_("next check at"), null=True, blank=True)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    used_minutes = models.PositiveIntegerField(
        _("working minutes used"),
        null=True,
        blank=True,
        help_text=_("Working minutes from start to met, pauses left out (SLA deadlines)."),
    )
    breached_at = models.DateTimeField(_("breached at"), null=True, blank=True)
    is_open = models.BooleanField(_("open"), default=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [
            # The watcher's index: open deadlines only, so millions of met ones cost nothing.
            models.Index(
                fields=["next_check_at"],
                condition=models.Q(is_open=True),
                name="deadlines_watch_open_idx",
            ),
            models.Index(fields=["ticket", "kind", "ref"], name="deadlines_ticket_idx"),
            # KPI ranges: SLA compliance by due time, first response time by met time.
            models.Index(fields=["due_at"], name="deadlines_due_idx"),
            models.Index(
                fields=["met_at"],
                condition=models.Q(met_at__isnull=False),
                name="deadlines_met_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} {self.due_at}"
