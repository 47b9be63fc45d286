"""KPIs API (考核指标接口) at /api/v1/reports: the KPI table as JSON.

``GET /api/v1/reports/kpis?from=2026-11-01&to=2026-12-01&group_by=team&period=month`` — ``to``
is exclusive. ``group_by``: person, team, department, type, category, channel, grade;
``period``: day, week, month, quarter, year; ``codes``: comma-separated KPI codes (all when
empty). A bad range, group or period is 422 with per-field messages. Each cell carries the
links of the console pages that list the records it counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from kefu.core.api import COMMON_ERRORS, require_perm
from kefu.kpis.catalog import CATALOG, KPI_CODES
from kefu.kpis.service import KpiCell, kpi_table

router = Router()


class KpiQuery(Schema):
    start: date = Field(..., alias="from", description="First day (YYYY-MM-DD).")
    end: date = Field(..., alias="to", description="Day after the last (exclusive).")
    group_by: str | None = Field(
        None, description="person, team, department, type, category, channel or grade."
    )
    period: str | None = Field(None, description="day, week, month, quarter or year.")
    codes: str = Field("", max_length=1000, description="Comma-separated KPI codes.")


class KpiOut(Schema):
    code: str
    label: str
    unit: str = Field(description='"%", "min" or "count".')


class CellOut(Schema):
    value: float | None = Field(description="The figure; null when nothing was counted.")
    numerator: int | None
    denominator: int | None
    display: str = Field(description='As shown, e.g. "92.5%"; "—" for no value.')
    numerator_url: str | None = Field(description="Console page listing the numerator's rows.")
    denominator_url: str | None


class RowOut(Schema):
    group_key: str = Field(description="Key of the group (an id or a code); empty: none.")
    group_label: str
    period_start: date | None
    cells: dict[str, CellOut]


class KpiTableOut(Schema):
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    group_by: str | None
    period: str | None
    kpis: list[KpiOut]
    rows: list[RowOut]


def _cell(cell: KpiCell) -> dict[str, Any]:
    return {
        "value": float(cell.value) if cell.value is not None else None,
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "display": cell.display,
        "numerator_url": cell.numerator_url,
        "denominator_url": cell.denominator_url,
    }


@router.get(
    "/kpis",
    response={200: KpiTableOut, **COMMON_ERRORS},
    summary="KPI table",
    by_alias=True,
)
def kpis(request: HttpRequest, query: Query[KpiQuery]) -> dict[str, Any]:
    """KPIs (考核指标) of a date range in the caller's scope, grouped and by period; an agent
    gets the figures of their own work."""
    require_perm(request, "kpis.view_kpis")
    codes = [c.strip() for c in query.codes.split(",") if c.strip()] or list(KPI_CODES)
    rows = kpi_table(
        user=request.user,
        start=query.start,
        end=query.end,
        group_by=query.group_by or None,
        period=query.period or None,
        codes=codes,
    )
    return {
        "start": query.start,
        "end": query.end,
        "group_by": query.group_by or None,
        "period": query.period or None,
        "kpis": [
            {"code": code, "label": str(CATALOG[code].label), "unit": CATALOG[code].unit}
            for code in codes
        ],
        "rows": [
            {
                "group_key": row.group_key,
                "group_label": row.group_label,
                "period_start": row.period_start,
                "cells": {code: _cell(cell) for code, cell in row.cells.items()},
            }
            for row in rows
        ],
    }
