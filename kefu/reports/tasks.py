"""Report jobs (报表定时任务): the weekly satisfaction summary on Monday morning, the monthly
evaluation report and complaint analysis on the 1st, the quarterly evaluation report on the
first day of a quarter; each for the period just ended, in the site's time zone. A run that
finds its report already there writes nothing (idempotent)."""

from __future__ import annotations

import datetime as dt

from huey.contrib.djhuey import db_periodic_task

from kefu.core.clock import today
from kefu.customers.tasks import local_crontab
from kefu.reports.choices import ReportKind
from kefu.reports.periods import month_of, previous_month, previous_quarter, previous_week
from kefu.reports.services import generate_due_reports


def weekly_reports(on: dt.date | None = None) -> list[str]:
    """The weekly satisfaction summary of last week (for the weekly meeting, seed 003)."""
    day = on or today()
    written = generate_due_reports(kind=ReportKind.WEEKLY_SATISFACTION, period=previous_week(day))
    return [ReportKind.WEEKLY_SATISFACTION.value] if written else []


def monthly_reports(on: dt.date | None = None) -> list[str]:
    """Last month's evaluation report (定期评估, seed 001 四) and complaint analysis."""
    period = previous_month(month_of(on or today()))
    kinds = (ReportKind.MONTHLY, ReportKind.COMPLAINT_ANALYSIS)
    return [kind.value for kind in kinds if generate_due_reports(kind=kind, period=period)]


def quarterly_reports(on: dt.date | None = None) -> list[str]:
    """Last quarter's evaluation report."""
    written = generate_due_reports(
        kind=ReportKind.QUARTERLY, period=previous_quarter(on or today())
    )
    return [ReportKind.QUARTERLY.value] if written else []


weekly = db_periodic_task(
    local_crontab(minute="0", hour="7", day_of_week="1"), name="reports.weekly"
)(weekly_reports)
monthly = db_periodic_task(local_crontab(minute="10", hour="7", day="1"), name="reports.monthly")(
    monthly_reports
)
quarterly = db_periodic_task(
    local_crontab(minute="20", hour="7", day="1", month="1,4,7,10"), name="reports.quarterly"
)(quarterly_reports)
