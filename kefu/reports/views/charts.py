"""Chart specs (图表数据) for charts.js: what ``json_script`` writes for each chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kefu.reports.document import Chart, Document, Section


def spec(
    chart: Chart | Mapping[str, Any],
    *,
    element_id: str,
    urls: Sequence[Sequence[str]] = (),
    unit: str = "",
) -> dict[str, Any]:
    """One chart: the element id its JSON goes under, the chart, the record URL of each point
    (per series) and the axis unit."""
    return {
        "id": element_id,
        "data": {**chart, "urls": [list(u) for u in urls], "unit": unit},
    }


def _chart_spec(part: Section, element_id: str) -> dict[str, Any] | None:
    chart = part.get("chart")
    return spec(chart, element_id=element_id) if chart else None


def with_charts(document: Document, *, prefix: str) -> list[dict[str, Any]]:
    """The sections of a report, each with ``chart_spec`` (or None) for the page."""
    return [
        {**part, "chart_spec": _chart_spec(part, f"{prefix}-{index}-chart")}
        for index, part in enumerate(document.get("sections", []))
    ]
