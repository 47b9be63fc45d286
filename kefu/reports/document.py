"""Report document (报表文档): the JSON snapshot a stored report keeps, and its cells. Pure.

A document is a title, a period and sections; a section is a table (columns, rows of cells)
with an optional chart. A cell is plain text or a figure: its display text, its number
(``None`` when there is none: "—") and the link to the records it counts. The console page,
the .xlsx and the PDF all read this one shape, so they show the same figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, TypedDict

DASH = "—"


class Figure(TypedDict):
    t: str  # display text ("92.5%", "12", "—")
    n: float | int | None  # the number itself, None when there is none
    u: str  # link to the records it counts, "" when none
    c: int | None  # how many records that link lists (a rate's base, a count's rows)


Cell = str | Figure


class ChartSeries(TypedDict):
    name: str
    values: list[float | int | None]


class Chart(TypedDict):
    type: str  # "bar" or "line"
    title: str
    labels: list[str]
    series: list[ChartSeries]


class Section(TypedDict):
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: Chart | None
    note: str


class Document(TypedDict):
    kind: str
    title: str
    period_start: str
    period_end: str  # exclusive
    period_label: str
    sections: list[Section]


def number(value: Decimal | float | int | None) -> float | int | None:
    """A JSON number: integers stay integers, decimals become floats."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    as_float = float(value)
    return (
        int(as_float) if isinstance(value, Decimal) and value == value.to_integral() else as_float
    )


def figure(
    display: str, value: Decimal | float | int | None, url: str = "", listed: int | None = None
) -> Figure:
    return {"t": display or DASH, "n": number(value), "u": url, "c": listed if url else None}


def count(value: int | None, url: str = "") -> Figure:
    return figure(DASH if value is None else f"{value:,}", value, url, value)


def text_of(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell["t"]


def section(
    key: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    chart: Chart | None = None,
    note: str = "",
) -> Section:
    return {
        "key": key,
        "title": title,
        "columns": list(columns),
        "rows": [list(row) for row in rows],
        "chart": chart,
        "note": note,
    }


def chart(kind: str, title: str, labels: Sequence[str], series: Sequence[ChartSeries]) -> Chart:
    if kind not in ("bar", "line"):
        raise ValueError(f"unknown chart type {kind!r}")
    return {"type": kind, "title": title, "labels": list(labels), "series": list(series)}


def series(name: str, values: Sequence[Decimal | float | int | None]) -> ChartSeries:
    return {"name": name, "values": [number(v) for v in values]}


def figures(document: Document) -> Iterator[Figure]:
    """Every figure of the document (for tests and link checks)."""
    for part in document["sections"]:
        for row in part["rows"]:
            for cell in row:
                if not isinstance(cell, str):
                    yield cell


def is_document(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("sections"), list)
