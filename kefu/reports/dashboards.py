"""Dashboards (看板): the day (what is open now), the month (every KPI against last month and
its target, trends, volume), the people (the KPIs per person). Reads only.

Every figure carries the URL of the list of records it counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kefu.reports import trends
from kefu.reports.document import Figure, count
from kefu.reports.figures import (
    KPI_CODES,
    PERSON_CODES,
    TREND_CODES,
    KpiCell,
    denominator_figure,
    directions,
    kpi_labels,
    numerator_figure,
    table,
    targets,
    value_figure,
)
from kefu.reports.models import KpiTarget
from kefu.reports.periods import Period, last_months, previous_month
from kefu.tickets.categories import ACTIVE
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet

DUE_SOON = dt.timedelta(hours=2)
ACTIVE_VALUES = sorted(category.value for category in ACTIVE)


# Today's ticket lists (今日清单): the rows each of today's figures counts.
def _overdue(qs: TicketQuerySet, at: dt.datetime) -> TicketQuerySet:
    return qs.filter(next_due_at__lt=at)


def _due_soon(qs: TicketQuerySet, at: dt.datetime) -> TicketQuerySet:
    return qs.filter(next_due_at__gte=at, next_due_at__lt=at + DUE_SOON)


TODAY_LISTS = {
    "overdue": (gettext_lazy("Overdue work orders"), _overdue),
    "due-soon": (gettext_lazy("Due within 2 hours"), _due_soon),
}


def open_tickets(user: Any) -> TicketQuerySet:
    """Open work orders the user may see. A merged work order is closed for good (a merge
    closes it and refuses further steps), so no merge condition: today's counts read the
    queue index (status, next due time) alone."""
    return Ticket.objects.visible_to(user).filter(status_category__in=ACTIVE_VALUES)


def today_list(user: Any, key: str, at: dt.datetime) -> TicketQuerySet:
    _label, narrow = TODAY_LISTS[key]
    return narrow(open_tickets(user), at)


@dataclass(frozen=True)
class TodayFigure:
    key: str
    label: str
    figure: Figure
    alert: bool = False


def today_figures(user: Any, at: dt.datetime) -> list[TodayFigure]:
    """Backlog, overdue, due within 2 hours, callbacks due today and done (今日看板)."""
    day = timezone.localdate(at)
    cells = table(
        user=user,
        start=day,
        end=day + dt.timedelta(days=1),
        codes=("backlog", "callback_completion"),
    )[0].cells
    overdue = today_list(user, "overdue", at).count()
    soon = today_list(user, "due-soon", at).count()
    callbacks = cells["callback_completion"]
    return [
        TodayFigure("backlog", _("Backlog"), value_figure(cells["backlog"])),
        TodayFigure(
            "overdue",
            str(TODAY_LISTS["overdue"][0]),
            count(overdue, reverse("reports:today_list", args=["overdue"])),
            alert=overdue > 0,
        ),
        TodayFigure(
            "due-soon",
            str(TODAY_LISTS["due-soon"][0]),
            count(soon, reverse("reports:today_list", args=["due-soon"])),
        ),
        TodayFigure("callbacks-due", _("Callbacks due today"), denominator_figure(callbacks)),
        TodayFigure("callbacks-done", _("Callbacks done today"), numerator_figure(callbacks)),
    ]


@dataclass(frozen=True)
class KpiLine:
    """One KPI of the month board: this month, last month, the change and the target."""

    code: str
    label: str
    cell: KpiCell
    value: Figure
    numerator: Figure
    denominator: Figure
    previous: Figure
    trend: trends.Trend
    delta: str
    target: KpiTarget | None
    met: bool | None


@dataclass(frozen=True)
class MonthBoard:
    lines: list[KpiLine]
    trend_chart: dict[str, Any]
    channel_chart: dict[str, Any]
    type_chart: dict[str, Any]


def _lines(current: dict[str, KpiCell], before: dict[str, KpiCell]) -> list[KpiLine]:
    goals, ways = targets(), directions()
    lines = []
    for code in KPI_CODES:
        cell, old = current[code], before[code]
        change = trends.trend(cell.value, old.value, direction=ways.get(code))
        goal = goals.get(code)
        lines.append(
            KpiLine(
                code=code,
                label=cell.label,
                cell=cell,
                value=value_figure(cell),
                numerator=numerator_figure(cell),
                denominator=denominator_figure(cell),
                previous=value_figure(old),
                trend=change,
                delta=trends.signed(change.delta),
                target=goal,
                met=trends.meets_target(cell.value, goal.target, direction=goal.direction)
                if goal
                else None,
            )
        )
    return lines


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _trend_chart(user: Any, period: Period) -> dict[str, Any]:
    months = last_months(period, 6)
    rows = {
        row.period_start: row
        for row in table(
            user=user, start=months[0].start, end=period.end, period="month", codes=TREND_CODES
        )
    }
    labels = [f"{m.start.year}-{m.start.month:02d}" for m in months]
    series, urls = [], []
    for code in TREND_CODES:
        cells = [rows[m.start].cells[code] if m.start in rows else None for m in months]
        name = next((c.label for c in cells if c), code)
        series.append({"name": name, "values": [_number(c.value) if c else None for c in cells]})
        urls.append([(c.denominator_url or "") if c else "" for c in cells])
    return {
        "type": "line",
        "title": _("Main rates, last 6 months (%)"),
        "labels": labels,
        "series": series,
        "urls": urls,
        "unit": "%",
    }


def _volume_chart(user: Any, period: Period, group_by: str, title: str) -> dict[str, Any]:
    rows = table(
        user=user, start=period.start, end=period.end, group_by=group_by, codes=("volume",)
    )
    rows = sorted(
        (row for row in rows if row.cells["volume"].numerator),
        key=lambda row: -(row.cells["volume"].numerator or 0),
    )
    return {
        "type": "bar",
        "title": title,
        "labels": [row.group_label for row in rows],
        "series": [
            {"name": _("Work orders"), "values": [row.cells["volume"].numerator for row in rows]}
        ],
        "urls": [[row.cells["volume"].numerator_url or "" for row in rows]],
        "unit": "",
    }


def month_board(user: Any, period: Period) -> MonthBoard:
    """Every KPI of the month against last month and its target, with the charts."""
    before = previous_month(period)
    current = table(user=user, start=period.start, end=period.end)[0].cells
    previous = table(user=user, start=before.start, end=before.end)[0].cells
    return MonthBoard(
        lines=_lines(current, previous),
        trend_chart=_trend_chart(user, period),
        channel_chart=_volume_chart(user, period, "channel", _("Work orders by channel")),
        type_chart=_volume_chart(user, period, "type", _("Work orders by type")),
    )


@dataclass(frozen=True)
class PersonRow:
    label: str
    figures: list[Figure]


def people_board(user: Any, period: Period) -> tuple[list[str], list[PersonRow]]:
    """The KPIs of the month per person (人员看板): headings and one row per person."""
    rows = table(
        user=user, start=period.start, end=period.end, group_by="person", codes=PERSON_CODES
    )
    labels = kpi_labels()
    headings = [labels[code] for code in PERSON_CODES]
    return headings, [
        PersonRow(row.group_label, [value_figure(row.cells[code]) for code in PERSON_CODES])
        for row in rows
    ]
