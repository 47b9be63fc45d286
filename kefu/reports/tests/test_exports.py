"""Exports (导出): the .xlsx holds the figures as numbers under Chinese headers and guards
against formulas; the PDF prints the Chinese headings, the figures and the charts."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from openpyxl import load_workbook

from kefu.reports.builders import build_document
from kefu.reports.exporting import to_pdf, to_xlsx
from kefu.reports.periods import month_of
from kefu.reports.services import generate_report
from kefu.reports.tests.conftest import complaint
from kefu.reports.tests.links import figures, listed

pytestmark = pytest.mark.django_db

NOVEMBER = month_of(dt.date(2026, 11, 1))


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def rows_of(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_monthly_xlsx_has_chinese_headers_and_numbers_as_numbers(cast, served_month):
    document = build_document(kind="monthly", period=NOVEMBER)
    book = load_workbook(io.BytesIO(to_xlsx(document)))
    assert book.sheetnames[0] == "考核指标总表"
    rows = rows_of(book["考核指标总表"])
    assert rows[0][0] == "2026年11月 定期评估报告（月度） · 考核指标总表"
    assert rows[2][:4] == ["指标", "数值", "分子", "分母"]
    satisfaction = next(row for row in rows if row[0] == "满意度")
    assert satisfaction[1:5] == [77.8, 7, 9, 50.0]
    cell = next(c for c in book["考核指标总表"]["B"] if c.value == 77.8)
    assert cell.number_format == '0.0"%"'
    assert "按人员" in book.sheetnames
    assert "投诉分析（按类别）" in book.sheetnames


def test_text_that_a_spreadsheet_would_run_is_written_as_text(cast, served_month, clock):
    clock.set("2026-11-18 10:00")
    complaint(cast, served_month.customers[0], category='=HYPERLINK("http://x")', satisfaction=None)
    document = build_document(kind="complaint_analysis", period=NOVEMBER)
    book = load_workbook(io.BytesIO(to_xlsx(document)))
    categories = [row[0] for row in rows_of(book["投诉分析（按类别）"])[3:]]
    assert '\'=HYPERLINK("http://x")' in categories
    assert not any(isinstance(c, str) and c.startswith("=") for c in categories)


def test_the_monthly_pdf_prints_the_chinese_headings_the_figures_and_the_charts(cast, served_month):
    document = build_document(kind="monthly", period=NOVEMBER)
    content = to_pdf(document)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for heading in (
        "定期评估报告",
        "考核指标总表",
        "按班组",
        "按人员",
        "投诉分析（按类别）",
        "服务差错",
        "责任单位及时率",
    ):
        assert heading in text, heading
    assert "77.8%" in text
    assert "50.0%" in text
    assert "主要比率趋势" in text  # the trend chart's title, drawn as inline SVG text


def test_the_stored_report_page_links_every_figure_to_what_it_counts(client, cast, served_month):
    report, _written = generate_report(actor=cast.manager, kind="monthly", period=NOVEMBER)
    client.force_login(cast.supervisor)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    checked = 0
    for url, count, _text in figures(page):
        if count is None:
            continue
        assert listed(client, url) == count, url
        checked += 1
    assert checked > 40


def test_a_stored_report_downloads_as_xlsx_and_pdf(client, cast, served_month):
    report, _written = generate_report(
        actor=cast.manager, kind="weekly_satisfaction", period=month_of(dt.date(2026, 11, 1))
    )
    client.force_login(cast.auditor)
    xlsx = client.get(f"/reports/{report.pk}/export.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "满意度" in book.sheetnames
    pdf = client.get(f"/reports/{report.pk}/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "周满意度汇总" in pdf_text(pdf.content)
    client.force_login(cast.agent)
    assert client.get(f"/reports/{report.pk}/export.pdf").status_code == 403
    assert client.get(f"/reports/{report.pk}/").status_code == 403
