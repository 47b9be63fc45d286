"""KPI figures for dashboards and reports (看板指标): reading ``kefu.kpis`` and turning its
cells into linked figures, with each KPI's better direction and target.

Every figure carries the link to the records it counts: a rate's or a mean's value links to
its denominator (the surveyed, the complaints, the responses), a count's to its numerator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kefu.kpis.catalog import CATALOG
from kefu.kpis.service import KPI_CODES, KpiCell, KpiRow, kpi_table
from kefu.reports.document import Figure, count, figure
from kefu.reports.models import KpiTarget
from kefu.reports.trends import HIGHER, LOWER

__all__ = ["KPI_CODES", "KpiCell", "KpiRow", "ReportReader", "table"]

# Which way each KPI should move when no target says otherwise.
DEFAULT_DIRECTIONS: dict[str, str] = {
    "satisfaction_rate": HIGHER,
    "complaint_resolution_rate": HIGHER,
    "sla_compliance": HIGHER,
    "callback_completion": HIGHER,
    "first_contact_resolution": HIGHER,
    "partner_timeliness": HIGHER,
    "service_error_rate": LOWER,
    "complaint_rate": LOWER,
    "reopen_rate": LOWER,
    "backlog": LOWER,
    "first_response_mean": LOWER,
    "first_response_median": LOWER,
    "first_response_p90": LOWER,
    "first_response_calendar_mean": LOWER,
    "first_response_calendar_median": LOWER,
    "first_response_calendar_p90": LOWER,
}
# The KPIs a person or team is compared on (the per-person board and report sections).
PERSON_CODES: tuple[str, ...] = (
    "volume",
    "satisfaction_rate",
    "complaint_resolution_rate",
    "first_response_mean",
    "sla_compliance",
    "callback_completion",
    "reopen_rate",
    "service_error_rate",
    "backlog",
)
# The rates drawn as trend lines on the month board and in the reports.
TREND_CODES: tuple[str, ...] = (
    "satisfaction_rate",
    "complaint_resolution_rate",
    "sla_compliance",
    "callback_completion",
)


class ReportReader:
    """The scheduled job's reader (定时报表读者): it reads every row and may do nothing else
    (only ``view_*`` capabilities), so reports generated without a person cover the whole
    centre through the same ``visible_to`` scopes as the pages."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return perm.partition(".")[2].startswith("view_")

    def __str__(self) -> str:
        return "reports.job"


def kpi_labels() -> dict[str, str]:
    return {code: str(kpi.label) for code, kpi in CATALOG.items()}


def unit_of(code: str) -> str:
    return CATALOG[code].unit


def directions() -> dict[str, str]:
    """Each KPI's better direction: its target's when one is set, else the default."""
    chosen = dict(DEFAULT_DIRECTIONS)
    for target in KpiTarget.objects.all():
        chosen[target.code] = target.direction
    return chosen


def targets() -> dict[str, KpiTarget]:
    return {target.code: target for target in KpiTarget.objects.all()}


def table(
    *,
    user: Any,
    start: dt.date,
    end: dt.date,
    group_by: str | None = None,
    period: str | None = None,
    codes: Sequence[str] = KPI_CODES,
) -> list[KpiRow]:
    return kpi_table(
        user=user, start=start, end=end, group_by=group_by, period=period, codes=tuple(codes)
    )


def value_url(cell: KpiCell) -> str:
    """The records a figure's value counts: a rate's base, a count's rows."""
    return cell.denominator_url or cell.numerator_url or ""


def value_figure(cell: KpiCell) -> Figure:
    listed = cell.denominator if cell.denominator_url else cell.numerator
    return figure(cell.display, cell.value, value_url(cell), listed)


def numerator_figure(cell: KpiCell) -> Figure:
    if cell.numerator is None or not cell.numerator_url:
        return figure("", None)
    return count(cell.numerator, cell.numerator_url)


def denominator_figure(cell: KpiCell) -> Figure:
    if cell.denominator is None or not cell.denominator_url:
        return figure("", None)
    return count(cell.denominator, cell.denominator_url)
