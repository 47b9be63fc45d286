"""Stored XSS (存储型跨站脚本, issue 6 item 3): script and HTML in every free-text field render as
text in every console page, in PDFs, and Excel exports neutralise formulas."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from kefu.liaison.models import ContactOrder
from kefu.reports.choices import ReportKind
from kefu.reports.models import Report
from kefu.web.tests.hostile.crawl import pages
from kefu.web.tests.hostile.payloads import ESCAPED_MARKER, RAW_MARKERS, SCRIPT
from kefu.web.tests.hostile.world import FORMULAS, HostileWorld, build_hostile_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> HostileWorld:
    return build_hostile_world(settings)


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_every_console_page_renders_the_payload_as_text(client, world):
    client.force_login(world.admin)
    checked, escaped, failures = 0, [], []
    extra = [f"/customers/{world.customer.pk}/", f"/customers/{world.customer.pk}/edit/"]
    for path in [*pages(), *extra]:
        response = client.get(path, headers={"Accept-Language": "zh-hans"})
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        checked += 1
        failures += [f"{path}: {marker}" for marker in RAW_MARKERS if marker in html]
        if ESCAPED_MARKER in html:
            escaped.append(path)
    assert failures == []
    assert checked > 60
    # The payload really was on the pages, escaped.
    must_show = [
        f"/customers/{world.customer.pk}/",
        f"/work-orders/{world.ticket.number}/",
        f"/work-orders/{world.ticket.number}/records/",
        "/work-orders/",
        "/knowledge/",
        "/work-orders/reply-templates/",
        "/quality/errors/",
        "/callbacks/",
        "/org/",
    ]
    missing = [p for p in must_show if p not in escaped]
    assert missing == [], f"payload not shown escaped on {missing}"
    assert len(escaped) > 40


def test_a_knowledge_article_with_markdown_and_html_renders_as_text(client, world):
    from kefu.kb.models import Article
    from kefu.kb.services.articles import ArticleText, edit_article, publish_article

    article = Article.objects.order_by("pk").first()
    assert article is not None
    body = (
        "# 标题 <script>window.__xss=1</script>\n\n"
        '* [链接](javascript:alert(1))\n* [图](x" onerror="alert(1))\n\n'
        "**粗体** <img src=x onerror=alert(1)> `<b>code</b>`\n"
    )
    edit_article(actor=world.admin, article=article, text=ArticleText(title="标题", body=body))
    publish_article(actor=world.admin, article=article)
    client.force_login(world.admin)
    html = client.get(f"/knowledge/{article.pk}/").content.decode()
    assert "<script>window.__xss" not in html
    assert "<img src=x onerror" not in html
    assert 'href="javascript:' not in html.replace("'", '"')
    assert 'onerror="alert' not in html
    assert "&lt;script&gt;" in html


def test_contact_order_and_opinion_form_pdfs_show_the_text_literally(client, world):
    client.force_login(world.admin)
    order = ContactOrder.objects.get(ticket=world.ticket)  # its requested action is the payload
    for path in (
        f"/contact-orders/{order.number}/pdf/",
        f"/contact-orders/opinion-form/{world.ticket.number}.pdf",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = pdf_text(content)
        assert "window.__xss=1" in text, path  # shown as text
        assert "&lt;" not in text, path  # not double-escaped
        assert "&quot;" not in text, path


def test_report_pdf_and_xlsx_show_names_literally_and_neutralise_formulas(client, world):
    from kefu.core.clock import today
    from kefu.reports.periods import month_of
    from kefu.reports.services import generate_report

    report, _written = generate_report(
        actor=world.admin, kind=ReportKind.MONTHLY, period=month_of(today())
    )
    assert Report.objects.filter(pk=report.pk).exists()
    client.force_login(world.admin)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert not any(marker in html for marker in RAW_MARKERS)
    pdf = client.get(f"/reports/{report.pk}/export.pdf")
    assert pdf.status_code == 200
    assert "&lt;script" not in pdf_text(pdf.content)
    for path in (f"/reports/{report.pk}/export.xlsx", "/reports/month/export.xlsx"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_formulas(response.content)


def assert_no_formulas(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    return texts


def test_customer_export_neutralises_formula_injection_and_keeps_script_as_text(client, world):
    client.force_login(world.admin)
    response = client.get("/customers/export/")
    assert response.status_code == 200
    texts = assert_no_formulas(response.content)
    for formula in FORMULAS:
        assert "'" + formula in texts  # kept, with a leading apostrophe
    assert any(text.startswith(SCRIPT) for text in texts)  # plain text, unchanged
