"""The KPI catalogue (指标目录): each figure's code, label, unit, formula and counters.

``numerator`` and ``denominator`` name the counters (``kefu.kpis.sources``) whose rows the
records page lists; a mean or percentile lists its responses as the denominator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kefu.kpis import formulas
from kefu.kpis.formulas import Figure
from kefu.kpis.measures import CALENDAR_RESPONSE_MINUTES, WORKING_RESPONSE, Measure
from kefu.kpis.sources import BACKLOG

PERCENT = "%"
MINUTES = "min"
COUNT = "count"


@dataclass(frozen=True)
class Percentile:
    """A percentile (分位数) of a measure, in whole minutes (``kefu.kpis.measures``)."""

    measure: Measure
    percent: int


@dataclass(frozen=True)
class Kpi:
    """One KPI (考核指标)."""

    code: str
    label: Promise
    unit: str
    numerator: str | None
    denominator: str | None
    formula: Callable[[Mapping[str, int]], Figure] | None = None
    percentile: Percentile | None = None


def _rate(numerator: str, denominator: str) -> Callable[[Mapping[str, int]], Figure]:
    def compute(counts: Mapping[str, int]) -> Figure:
        return formulas.rate(counts.get(numerator, 0), counts.get(denominator, 0))

    return compute


def _count(name: str) -> Callable[[Mapping[str, int]], Figure]:
    return lambda counts: formulas.count(counts.get(name, 0))


def _working_mean(counts: Mapping[str, int]) -> Figure:
    return formulas.mean_minutes(
        total_minutes=counts.get("fr_working_minutes", 0),
        responses=counts.get("fr_working_count", 0),
    )


def _calendar_mean(counts: Mapping[str, int]) -> Figure:
    return formulas.mean_minutes(
        total_minutes=Decimal(counts.get("fr_calendar_seconds", 0)) / 60,
        responses=counts.get("fr_calendar_count", 0),
    )


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "satisfaction_rate",
        _("Satisfaction rate"),
        PERCENT,
        "satisfied",
        "surveyed",
        lambda c: formulas.satisfaction_rate(
            very_satisfied_and_satisfied=c.get("satisfied", 0), surveyed=c.get("surveyed", 0)
        ),
    ),
    Kpi(
        "complaint_resolution_rate",
        _("Complaint resolution rate"),
        PERCENT,
        "complaints_resolved",
        "complaints",
        lambda c: formulas.complaint_resolution_rate(
            resolved_complaints=c.get("complaints_resolved", 0),
            complaints=c.get("complaints", 0),
        ),
    ),
    Kpi(
        "service_error_rate",
        _("Service error rate"),
        PERCENT,
        "errors",
        "created",
        lambda c: formulas.service_error_rate(
            errors=c.get("errors", 0), services=c.get("created", 0)
        ),
    ),
    Kpi(
        "first_response_mean",
        _("First response, mean (working minutes)"),
        MINUTES,
        None,
        "fr_working_count",
        _working_mean,
    ),
    Kpi(
        "first_response_median",
        _("First response, median (working minutes)"),
        MINUTES,
        None,
        "fr_working_count",
        percentile=Percentile(WORKING_RESPONSE, 50),
    ),
    Kpi(
        "first_response_p90",
        _("First response, 90th percentile (working minutes)"),
        MINUTES,
        None,
        "fr_working_count",
        percentile=Percentile(WORKING_RESPONSE, 90),
    ),
    Kpi(
        "first_response_calendar_mean",
        _("First response, mean (calendar minutes)"),
        MINUTES,
        None,
        "fr_calendar_count",
        _calendar_mean,
    ),
    Kpi(
        "first_response_calendar_median",
        _("First response, median (calendar minutes)"),
        MINUTES,
        None,
        "fr_calendar_count",
        percentile=Percentile(CALENDAR_RESPONSE_MINUTES, 50),
    ),
    Kpi(
        "first_response_calendar_p90",
        _("First response, 90th percentile (calendar minutes)"),
        MINUTES,
        None,
        "fr_calendar_count",
        percentile=Percentile(CALENDAR_RESPONSE_MINUTES, 90),
    ),
    Kpi(
        "complaint_rate",
        _("Complaint rate"),
        PERCENT,
        "complaints",
        "created",
        lambda c: formulas.complaint_rate(
            complaints=c.get("complaints", 0), work_orders=c.get("created", 0)
        ),
    ),
    Kpi(
        "sla_compliance",
        _("SLA compliance"),
        PERCENT,
        "sla_met",
        "sla_due",
        _rate("sla_met", "sla_due"),
    ),
    Kpi(
        "callback_completion",
        _("Callback completion"),
        PERCENT,
        "callbacks_done",
        "callbacks_due",
        _rate("callbacks_done", "callbacks_due"),
    ),
    Kpi(
        "reopen_rate",
        _("Reopen rate"),
        PERCENT,
        "reopened",
        "resolved",
        _rate("reopened", "resolved"),
    ),
    Kpi(
        "first_contact_resolution",
        _("First-contact resolution"),
        PERCENT,
        "first_contact_resolved",
        "resolved",
        _rate("first_contact_resolved", "resolved"),
    ),
    Kpi(
        "partner_timeliness",
        _("Partner timeliness"),
        PERCENT,
        "contact_on_time",
        "contact_due",
        _rate("contact_on_time", "contact_due"),
    ),
    Kpi("backlog", _("Backlog"), COUNT, BACKLOG, None, _count(BACKLOG)),
    Kpi("volume", _("Work orders"), COUNT, "created", None, _count("created")),
)

CATALOG: dict[str, Kpi] = {kpi.code: kpi for kpi in KPIS}
KPI_CODES: tuple[str, ...] = tuple(CATALOG)


def counters_of(kpi: Kpi) -> set[str]:
    """The counters the KPI's formula and links read (backlog apart)."""
    names = {name for name in (kpi.numerator, kpi.denominator) if name and name != BACKLOG}
    if kpi.code == "first_response_mean":
        names |= {"fr_working_minutes", "fr_working_count"}
    if kpi.code == "first_response_calendar_mean":
        names |= {"fr_calendar_seconds", "fr_calendar_count"}
    return names
