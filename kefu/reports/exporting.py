"""Report exports (报表导出): a stored report's document as .xlsx and as PDF.

The .xlsx has one sheet per section with the Chinese column headers; figures are numbers
(percentages shown with a % format), text cells that a spreadsheet would run as a formula get
a leading apostrophe. The PDF is rendered by WeasyPrint in the font WenQuanYi Micro Hei, with
the charts as inline SVG drawn on the server (``svgcharts``).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation

from kefu.customers.columns import safe_cell
from kefu.reports import svgcharts
from kefu.reports.document import Cell, Chart, Document

if TYPE_CHECKING:  # openpyxl loads on demand: it costs every web worker ~16 MB
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
REPORT_LANGUAGE = "zh-hans"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:28] or "Sheet"
    name, number = base, 2
    while name in taken:
        name = f"{base[:25]}({number})"
        number += 1
    taken.add(name)
    return name


def _xlsx_cell(sheet: WriteOnlyWorksheet, cell: Cell) -> Any:
    if isinstance(cell, str):
        return safe_cell(cell)
    if cell["n"] is None:
        return safe_cell(cell["t"])
    from openpyxl.cell import WriteOnlyCell

    out = WriteOnlyCell(sheet, value=cell["n"])
    if cell["t"].endswith("%"):
        out.number_format = '0.0"%"'
    elif isinstance(cell["n"], float):
        out.number_format = "0.0"
    return out


def to_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    for part in document["sections"]:
        sheet = workbook.create_sheet(_sheet_title(part["title"], taken))
        title = WriteOnlyCell(sheet, value=safe_cell(f"{document['title']} · {part['title']}"))
        title.font = bold
        sheet.append([title])
        sheet.append([safe_cell(document["period_label"])])
        headers = []
        for column in part["columns"]:
            header = WriteOnlyCell(sheet, value=safe_cell(column))
            header.font = bold
            headers.append(header)
        sheet.append(headers)
        for row in part["rows"]:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
        if part["note"]:
            sheet.append([safe_cell(part["note"])])
    if not taken:
        workbook.create_sheet(_sheet_title(document["title"], taken))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def chart_svg(chart: Chart | None) -> str:
    """The chart as inline SVG (its texts escaped by ``svgcharts``); "" without a chart."""
    if not chart:
        return ""
    labels = chart["labels"]
    if chart["type"] == "bar":
        values = chart["series"][0]["values"] if chart["series"] else [None] * len(labels)
        return svgcharts.bar_chart(chart["title"], labels, values)
    lines = [svgcharts.Series(s["name"], s["values"]) for s in chart["series"]]
    return svgcharts.line_chart(chart["title"], labels, lines)


def to_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    sections = [{**part, "svg": chart_svg(part["chart"])} for part in document["sections"]]
    with translation.override(REPORT_LANGUAGE):
        html = render_to_string("reports/pdf.html", {"document": document, "sections": sections})
    content: bytes = HTML(string=html).write_pdf()
    return content
