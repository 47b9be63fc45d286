"""Report sections (报表章节): each a table of linked figures, some with a chart.

Called by ``builders`` inside ``translation.override("zh-hans")``, so the headings, KPI labels
and group names are stored in Chinese, as the report is printed and mailed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.kpis.aggregate import local_midnight
from kefu.kpis.scope import scope_of
from kefu.kpis.sources import SATISFACTION
from kefu.reports import trends
from kefu.reports.document import (
    Cell,
    Section,
    chart,
    count,
    figure,
    section,
    series,
)
from kefu.reports.figures import (
    KPI_CODES,
    KpiCell,
    denominator_figure,
    directions,
    numerator_figure,
    table,
    targets,
    value_figure,
)
from kefu.reports.periods import Period
from kefu.tickets.choices import Satisfaction
from kefu.tickets.feedback_models import SatisfactionSource

DISSATISFIED = (Satisfaction.DISSATISFIED.value, Satisfaction.VERY_DISSATISFIED.value)


def kpi_summary(user: Any, period: Period, previous: Period) -> Section:
    """Every KPI of the period with its numerator, denominator, the previous period, the
    change and the target (考核指标总表)."""
    current = table(user=user, start=period.start, end=period.end)[0].cells
    before = table(user=user, start=previous.start, end=previous.end)[0].cells
    goals, ways = targets(), directions()
    rows: list[list[Cell]] = []
    for code in KPI_CODES:
        cell, old = current[code], before[code]
        change = trends.trend(cell.value, old.value, direction=ways.get(code))
        goal = goals.get(code)
        met = (
            trends.meets_target(cell.value, goal.target, direction=goal.direction) if goal else None
        )
        rows.append(
            [
                cell.label,
                value_figure(cell),
                numerator_figure(cell),
                denominator_figure(cell),
                value_figure(old),
                f"{change.arrow}{trends.signed(change.delta)}" if change.arrow else "",
                str(goal.target) if goal else "",
                {True: _("Met"), False: _("Not met"), None: ""}[met],
            ]
        )
    columns = [
        _("KPI"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Previous period"),
        _("Versus previous"),
        _("Target"),
        _("Target reached?"),
    ]
    return section("kpis", _("KPI table"), columns, rows)


def trend(user: Any, periods: Sequence[Period], *, unit: str, codes: Sequence[str]) -> Section:
    """The rates over the last periods (趋势), one line each, every point linked."""
    first, last = periods[0], periods[-1]
    rows_by_start = {
        row.period_start: row
        for row in table(user=user, start=first.start, end=last.end, period=unit, codes=codes)
    }
    labels = [_label_of(p, unit) for p in periods]
    lines: dict[str, list[KpiCell | None]] = {code: [] for code in codes}
    for p in periods:
        row = rows_by_start.get(p.start)
        for code in codes:
            lines[code].append(row.cells[code] if row else None)
    names = {code: next((c.label for c in lines[code] if c), code) for code in codes}
    rows: list[list[Cell]] = []
    for index, label in enumerate(labels):
        rows.append(
            [label]
            + [
                value_figure(cell) if (cell := lines[code][index]) else figure("", None)
                for code in codes
            ]
        )
    picture = chart(
        "line",
        _("Trend of the main rates (%)"),
        labels,
        [series(names[code], [c.value if c else None for c in lines[code]]) for code in codes],
    )
    return section(
        "trend", _("Trend"), [_("Period"), *[names[c] for c in codes]], rows, chart=picture
    )


def _label_of(period: Period, unit: str) -> str:
    if unit == "quarter":
        return f"{period.start.year}Q{(period.start.month - 1) // 3 + 1}"
    return f"{period.start.year}-{period.start.month:02d}"


def grouped(
    user: Any,
    period: Period,
    *,
    key: str,
    title: str,
    group_by: str,
    group_heading: str,
    codes: Sequence[str],
) -> Section:
    """One row per group (team, person …) with the value of each KPI, linked."""
    rows = table(user=user, start=period.start, end=period.end, group_by=group_by, codes=codes)
    body: list[list[Cell]] = [
        [row.group_label, *[value_figure(row.cells[code]) for code in codes]] for row in rows
    ]
    labels = [rows[0].cells[code].label for code in codes] if rows else list(codes)
    return section(key, title, [group_heading, *labels], body)


def ratio_by(
    user: Any,
    period: Period,
    *,
    key: str,
    title: str,
    group_by: str,
    group_heading: str,
    code: str,
    columns: tuple[str, str, str],
    chart_title: str,
) -> Section:
    """One rate per group with its parts (e.g. complaints, resolved, resolution rate), only
    the groups where the base counted something, largest base first, with a bar chart of
    the base."""
    rows = [
        row
        for row in table(
            user=user, start=period.start, end=period.end, group_by=group_by, codes=(code,)
        )
        if (row.cells[code].denominator or 0) > 0
    ]
    rows.sort(key=lambda row: -(row.cells[code].denominator or 0))
    body: list[list[Cell]] = [
        [
            row.group_label,
            denominator_figure(row.cells[code]),
            numerator_figure(row.cells[code]),
            value_figure(row.cells[code]),
        ]
        for row in rows
    ]
    picture = chart(
        "bar",
        chart_title,
        [row.group_label for row in rows],
        [series(columns[0], [row.cells[code].denominator for row in rows])],
    )
    return section(key, title, [group_heading, *columns], body, chart=picture if rows else None)


def volume_by(user: Any, period: Period, *, key: str, title: str, group_by: str) -> Section:
    """Work orders opened in the period per group, with a bar chart."""
    rows = table(
        user=user, start=period.start, end=period.end, group_by=group_by, codes=("volume",)
    )
    rows = [row for row in rows if (row.cells["volume"].numerator or 0) > 0]
    rows.sort(key=lambda row: -(row.cells["volume"].numerator or 0))
    body: list[list[Cell]] = [[row.group_label, value_figure(row.cells["volume"])] for row in rows]
    picture = chart(
        "bar",
        title,
        [row.group_label for row in rows],
        [series(_("Work orders"), [row.cells["volume"].value for row in rows])],
    )
    return section(
        key, title, [_("Group"), _("Work orders")], body, chart=picture if rows else None
    )


def _satisfaction_rows(user: Any, period: Period) -> Any:
    start, end = local_midnight(period.start), local_midnight(period.end)
    return scope_of(user).rows(SATISFACTION).filter(at__gte=start, at__lt=end)


def satisfaction_summary(user: Any, period: Period) -> Section:
    """Surveyed, satisfied, the rate and the dissatisfied (满意度汇总)."""
    cell = table(user=user, start=period.start, end=period.end, codes=("satisfaction_rate",))[
        0
    ].cells["satisfaction_rate"]
    dissatisfied = _satisfaction_rows(user, period).filter(level__in=DISSATISFIED).count()
    columns = [
        _("Surveyed"),
        _("Satisfied (very satisfied + satisfied)"),
        _("Satisfaction rate"),
        _("Dissatisfied cases"),
    ]
    row: list[Cell] = [
        denominator_figure(cell),
        numerator_figure(cell),
        value_figure(cell),
        count(dissatisfied),
    ]
    return section(
        "satisfaction",
        _("Satisfaction"),
        columns,
        [row],
        note=_("Satisfaction rate = (very satisfied + satisfied) / surveyed × 100% (seed 001)."),
    )


def satisfaction_levels(user: Any, period: Period) -> Section:
    """How many answered each of the five levels (满意度分布), with a bar chart."""
    counted = dict(
        _satisfaction_rows(user, period)
        .order_by()
        .values("level")
        .annotate(n=Count("id"))
        .values_list("level", "n")
    )
    labels = [str(label) for _value, label in Satisfaction.choices]
    values = [int(counted.get(value, 0)) for value, _label in Satisfaction.choices]
    body: list[list[Cell]] = [[label, count(n)] for label, n in zip(labels, values, strict=True)]
    picture = chart("bar", _("Answers per level"), labels, [series(_("Number of answers"), values)])
    return section(
        "levels", _("Answers per level"), [_("Level"), _("Number of answers")], body, chart=picture
    )


def dissatisfied_cases(user: Any, period: Period) -> Section:
    """Every dissatisfied answer of the period, newest first, each with its work order."""
    records = (
        _satisfaction_rows(user, period)
        .filter(level__in=DISSATISFIED)
        .select_related("ticket", "ticket__assignee", "customer", "recorded_by")
        .order_by("-at", "-id")
    )
    levels = dict(Satisfaction.choices)
    sources = dict(SatisfactionSource.choices)
    body: list[list[Cell]] = []
    for record in records:
        ticket = record.ticket
        body.append(
            [
                timezone.localtime(record.at).strftime("%Y-%m-%d %H:%M"),
                figure(ticket.number, None, reverse("tickets:detail", args=[ticket.number]))
                if ticket
                else "",
                ticket.title if ticket else "",
                record.customer.name,
                str(levels.get(record.level, record.level)),
                str(sources.get(record.source, record.source)),
                str(ticket.assignee) if ticket and ticket.assignee else "",
            ]
        )
    columns = [
        _("Time"),
        _("Work order"),
        _("Subject"),
        _("Customer"),
        _("Satisfaction"),
        _("Source"),
        _("Assignee"),
    ]
    return section("dissatisfied", _("Dissatisfied cases"), columns, body)


def days_label(period: Period) -> str:
    return f"{period.start:%Y-%m-%d} — {period.last_day:%Y-%m-%d}"
