"""Printed forms: the work contact order and the complaint's customer opinion form, in Chinese,
read back with pdftotext."""

from __future__ import annotations

import pytest

from kefu.liaison.models import ContactOrder
from kefu.liaison.tests.conftest import open_complaint, pdf_text, step
from kefu.tickets.services import create_ticket, record_callback

pytestmark = pytest.mark.django_db


def test_the_contact_order_pdf_has_the_chinese_form_and_masks_the_phone(client, cast, forwarded):
    order = ContactOrder.objects.get()
    client.force_login(cast.handler)
    response = client.get(f"/contact-orders/{order.number}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in (
        "工作联系单",
        "发文部门",
        "收文部门",
        "要求处理事项",
        "要求回复时间",
        "处理结果",
    ):
        assert heading in text
    assert order.number in text
    assert "工程部" in text
    assert "核实维修人员服务态度并回复" in text
    assert "2026-12-02 17:00" in text
    assert "138****8000" in text
    assert "13800138000" not in text


def test_free_text_prints_as_text(client, cast, customer, office, pinned):
    ticket = open_complaint(cast, customer, title="<script>alert(1)</script>")
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "<b>加急</b>处理",
            "reply_due_at": "2026-12-02T17:00",
        },
    )
    order = ContactOrder.objects.get()
    client.force_login(cast.agent)
    text = pdf_text(client.get(f"/contact-orders/{order.number}/pdf/").content)
    assert "<script>alert(1)</script>" in text
    assert "<b>加急</b>处理" in text


def test_the_opinion_form_gathers_the_complaint_from_its_events(client, cast, forwarded):
    ticket = step(cast.handler, forwarded, "start_investigation")
    ticket = step(
        cast.handler, ticket, "submit_findings", {"cause": "维修工赶工", "solution": "批评教育"}
    )
    ticket = step(cast.agent, ticket, "reply", {"reply": "已向您致歉并整改"})
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "satisfied"})
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    client.force_login(cast.agent)
    response = client.get(f"/contact-orders/opinion-form/{ticket.number}.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "顾客意见处理单" in text
    assert ticket.number in text
    assert "王芳" in text
    assert "138****8000" in text
    for value in ("服务态度", "工程部", "维修工赶工", "批评教育", "已向您致歉并整改"):
        assert value in text
    assert "满意" in text
    assert ContactOrder.objects.get().number in text


def test_only_complaints_have_an_opinion_form(client, cast, customer):
    ticket = create_ticket(
        actor=cast.agent, type_code="repair", customer=customer, channel="phone", title="漏水"
    )
    client.force_login(cast.agent)
    assert client.get(f"/contact-orders/opinion-form/{ticket.number}.pdf").status_code == 404
