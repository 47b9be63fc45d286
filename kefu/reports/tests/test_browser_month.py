"""Journey (issue 4): the supervisor opens the month dashboard, clicks the satisfaction figure,
lands on the surveyed records (as many rows as the figure's denominator), goes back and exports
the monthly evaluation report to Excel and to PDF."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from kefu.web.tests.test_browser_customers import login

pytestmark = pytest.mark.browser


def test_supervisor_follows_the_satisfaction_figure_and_exports_the_month(
    page: Page, live_server, cast, served_month
):
    base = live_server.url
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(f"{msg.text} {msg.location.get('url', '')}")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, base, "supervisor")
    page.goto(f"{base}/reports/month/?month=2026-11")
    row = page.locator("tr[data-kpi=satisfaction_rate]")
    expect(row).to_be_visible()
    # The charts are drawn by ECharts from npm (no inline script): trend, channel, type.
    expect(page.locator("[data-chart-ready=true]")).to_have_count(3)
    expect(page.locator("[data-chart=trend-chart] svg")).to_have_count(1)
    denominator = row.locator("td[data-part=denominator]")
    expect(denominator).to_have_text("9")
    expect(row.locator("td[data-part=numerator]")).to_have_text("7")
    page.locator("[data-chart=trend-chart]").hover()  # a tooltip, drawn without inline style
    assert [p for p in problems if "favicon" not in p] == []  # no CSP violation, no JS error

    row.locator("a[data-figure]").first.click()
    expect(page).to_have_url(re.compile(r"/kpis/records/\?kpi=satisfaction_rate&part=denominator"))
    records = page.locator("[data-testid=records-table]")
    expect(records).to_have_attribute("data-kind", "satisfaction")
    expect(records.locator("tr[data-record]")).to_have_count(9)
    expect(records).to_have_attribute("data-total", "9")

    page.go_back()
    expect(page.locator("tr[data-kpi=satisfaction_rate]")).to_be_visible()

    with page.expect_download() as xlsx_download:
        page.locator("[data-testid=export-xlsx]").click()
    book = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    cells = [
        str(value)
        for sheet in book.worksheets
        for row_values in sheet.iter_rows(values_only=True)
        for value in row_values
        if value is not None
    ]
    assert any("满意度" in text for text in cells)
    assert xlsx_download.value.suggested_filename == "monthly-report-2026-11.xlsx"

    with page.expect_download() as pdf_download:
        page.locator("[data-testid=export-pdf]").click()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_download.value.path()), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "定期评估报告" in text
    assert "77.8%" in text
