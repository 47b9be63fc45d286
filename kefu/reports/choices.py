"""Choices of reports (报表枚举): report kinds and target directions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.reports.trends import HIGHER, LOWER


class ReportKind(models.TextChoices):
    """Kind of a stored report (报表类型)."""

    MONTHLY = "monthly", _("Monthly evaluation report")
    QUARTERLY = "quarterly", _("Quarterly evaluation report")
    WEEKLY_SATISFACTION = "weekly_satisfaction", _("Weekly satisfaction summary")
    COMPLAINT_ANALYSIS = "complaint_analysis", _("Complaint analysis")


class Direction(models.TextChoices):
    """Which way a KPI should move (指标方向)."""

    HIGHER = HIGHER, _("Higher is better")
    LOWER = LOWER, _("Lower is better")
