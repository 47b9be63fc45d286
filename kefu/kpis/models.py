"""Daily rollups (每日汇总) of the KPI counters, kept by a periodic job."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL = "all"  # the dimension of the ungrouped totals (key "")


def _counter(label: Any) -> models.PositiveIntegerField[int, int]:
    return models.PositiveIntegerField(label, default=0)


class DailyRollup(models.Model):
    """Daily rollup (每日汇总): one day's KPI counters for one group key of one dimension.

    Every counter is attributed to the day by its own timestamp (``kefu.kpis.sources``), so a
    period's counters are the sums of its days. ``backlog`` is the open work at the day's end.
    ``histograms`` holds, per measure (``kefu.kpis.measures``), how many rows took each whole
    number of minutes, ``{"fr_working": [[minutes, rows], …]}``: the percentiles of a period
    are read from them (``kefu.kpis.histograms``). A computed day always has its ``all`` row,
    even when every counter is zero: that row says the day was rolled up. Rows are only
    written by ``kefu.kpis.rollup.rollup_days``.
    """

    day = models.DateField(_("day"))
    dimension = models.CharField(_("dimension"), max_length=20)
    key = models.CharField(_("key"), max_length=100, blank=True)
    created = _counter(_("created"))
    complaints = _counter(_("complaints"))
    complaints_resolved = _counter(_("complaints resolved"))
    resolved = _counter(_("resolved"))
    reopened = _counter(_("reopened"))
    first_contact_resolved = _counter(_("resolved at first contact"))
    fr_calendar_count = _counter(_("first responses"))
    fr_calendar_seconds = models.BigIntegerField(_("first response seconds"), default=0)
    fr_working_count = _counter(_("first responses in working time"))
    fr_working_minutes = models.BigIntegerField(_("first response working minutes"), default=0)
    sla_due = _counter(_("SLA deadlines due"))
    sla_met = _counter(_("SLA deadlines met"))
    surveyed = _counter(_("surveyed"))
    satisfied = _counter(_("satisfied"))
    callbacks_due = _counter(_("callbacks due"))
    callbacks_done = _counter(_("callbacks done"))
    errors = _counter(_("service errors"))
    contact_due = _counter(_("contact orders due"))
    contact_on_time = _counter(_("contact orders answered on time"))
    backlog = _counter(_("backlog at the end of the day"))
    histograms = models.JSONField(_("minute histograms"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("daily rollup")
        verbose_name_plural = _("daily rollups")
        ordering = ["day", "dimension", "key"]
        constraints = [
            models.UniqueConstraint(fields=["day", "dimension", "key"], name="kpis_rollup_unique")
        ]
        indexes = [models.Index(fields=["dimension", "day"], name="kpis_rollup_dim_day_idx")]
        permissions = [
            ("view_kpis", _("Can view KPIs")),
            ("view_all_kpis", _("Can view everyone's KPIs")),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}={self.key}"
