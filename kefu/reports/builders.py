"""Report builders (报表生成): the document of each kind of report over a period.

- Evaluation report (定期评估报告, seed 001 四, monthly or quarterly): the KPI table against the
  previous period and the targets, the trend, per team and per person, complaint analysis by
  category and department, service errors, partner timeliness.
- Weekly satisfaction summary (周满意度汇总, seed 003, for the weekly meeting): surveyed,
  satisfaction rate, answers per level, per person, every dissatisfied case.
- Complaint analysis (投诉分析): by category, department and channel.

Without a user (the periodic job) the figures cover the whole centre (``ReportReader``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kefu.reports import sections
from kefu.reports.choices import ReportKind
from kefu.reports.document import Document, Section
from kefu.reports.figures import PERSON_CODES, TREND_CODES, ReportReader
from kefu.reports.periods import Period, add_months, last_months, month_of, quarter_of

REPORT_LANGUAGE = "zh-hans"


def previous_of(kind: str, period: Period) -> Period:
    """The period before, of the same length kind (month, quarter, week)."""
    if kind == ReportKind.QUARTERLY:
        return quarter_of(period.start - dt.timedelta(days=1))
    if kind == ReportKind.WEEKLY_SATISFACTION:
        return Period(period.start - dt.timedelta(days=7), period.start)
    return month_of(period.start - dt.timedelta(days=1))


def period_label(kind: str, period: Period) -> str:
    if kind == ReportKind.QUARTERLY:
        quarter = (period.start.month - 1) // 3 + 1
        return _("%(year)d, quarter %(quarter)d") % {"year": period.start.year, "quarter": quarter}
    if kind in (ReportKind.MONTHLY, ReportKind.COMPLAINT_ANALYSIS) and (
        period.end == add_months(period.start, 1) and period.start.day == 1
    ):
        return _("%(year)d-%(month)02d") % {
            "year": period.start.year,
            "month": period.start.month,
        }
    return sections.days_label(period)


def _complaints(user: Any, period: Period) -> list[Section]:
    columns = (_("Complaints"), _("Resolved"), _("Complaint resolution rate"))
    return [
        sections.ratio_by(
            user,
            period,
            key="complaints_by_category",
            title=_("Complaints by category"),
            group_by="category",
            group_heading=_("Category"),
            code="complaint_resolution_rate",
            columns=columns,
            chart_title=_("Complaints by category"),
        ),
        sections.ratio_by(
            user,
            period,
            key="complaints_by_department",
            title=_("Complaints by responsible department"),
            group_by="department",
            group_heading=_("Department"),
            code="complaint_resolution_rate",
            columns=columns,
            chart_title=_("Complaints by responsible department"),
        ),
    ]


def _trend_periods(kind: str, period: Period) -> tuple[list[Period], str]:
    if kind == ReportKind.QUARTERLY:
        quarters = [period]
        for _step in range(3):
            quarters.insert(0, quarter_of(quarters[0].start - dt.timedelta(days=1)))
        return quarters, "quarter"
    return last_months(period, 6), "month"


def evaluation(kind: str, user: Any, period: Period) -> list[Section]:
    periods, unit = _trend_periods(kind, period)
    return [
        sections.kpi_summary(user, period, previous_of(kind, period)),
        sections.trend(user, periods, unit=unit, codes=TREND_CODES),
        sections.grouped(
            user,
            period,
            key="teams",
            title=_("Per team"),
            group_by="team",
            group_heading=_("Team"),
            codes=PERSON_CODES,
        ),
        sections.grouped(
            user,
            period,
            key="people",
            title=_("Per person"),
            group_by="person",
            group_heading=_("Staff"),
            codes=PERSON_CODES,
        ),
        *_complaints(user, period),
        sections.ratio_by(
            user,
            period,
            key="service_errors",
            title=_("Service errors"),
            group_by="person",
            group_heading=_("Staff"),
            code="service_error_rate",
            columns=(_("Work orders served"), _("Service errors"), _("Service error rate")),
            chart_title=_("Work orders served per person"),
        ),
        sections.ratio_by(
            user,
            period,
            key="partners",
            title=_("Partner timeliness"),
            group_by="department",
            group_heading=_("Responsible department or partner"),
            code="partner_timeliness",
            columns=(_("Contact orders due"), _("Answered on time"), _("Partner timeliness")),
            chart_title=_("Contact orders due per department or partner"),
        ),
    ]


def weekly_satisfaction(user: Any, period: Period) -> list[Section]:
    return [
        sections.satisfaction_summary(user, period),
        sections.satisfaction_levels(user, period),
        sections.grouped(
            user,
            period,
            key="people",
            title=_("Satisfaction per person"),
            group_by="person",
            group_heading=_("Staff"),
            codes=("satisfaction_rate",),
        ),
        sections.dissatisfied_cases(user, period),
    ]


def complaint_analysis(user: Any, period: Period) -> list[Section]:
    return [
        *_complaints(user, period),
        sections.volume_by(
            user, period, key="by_channel", title=_("Work orders by channel"), group_by="channel"
        ),
        sections.volume_by(
            user, period, key="by_type", title=_("Work orders by type"), group_by="type"
        ),
    ]


BUILDERS: dict[str, Callable[[Any, Period], list[Section]]] = {
    ReportKind.MONTHLY.value: lambda user, period: evaluation(ReportKind.MONTHLY, user, period),
    ReportKind.QUARTERLY.value: lambda user, period: evaluation(ReportKind.QUARTERLY, user, period),
    ReportKind.WEEKLY_SATISFACTION.value: weekly_satisfaction,
    ReportKind.COMPLAINT_ANALYSIS.value: complaint_analysis,
}


def build_document(*, kind: str, period: Period, user: Any = None) -> Document:
    """The report's document, in Chinese; ``user`` None reads the whole centre."""
    reader = user if user is not None else ReportReader()
    with translation.override(REPORT_LANGUAGE):
        label = period_label(kind, period)
        return {
            "kind": str(kind),
            "title": f"{label} {ReportKind(kind).label}",
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "period_label": label,
            "sections": BUILDERS[str(kind)](reader, period),
        }
