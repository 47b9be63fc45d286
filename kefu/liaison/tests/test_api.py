"""The contact order API: scoped list with a cursor, read, PDF; out of scope is 404."""

from __future__ import annotations

import pytest

from kefu.liaison.models import ContactOrder
from kefu.liaison.tests.conftest import forward, open_complaint, pdf_text, step

pytestmark = pytest.mark.django_db

URL = "/api/v1/contact-orders"


def _get(client, cast, role, path="", **params):
    headers = {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}
    return client.get(URL + path, params, headers=headers)


def test_the_handler_lists_and_reads_its_order(client, cast, forwarded):
    order = ContactOrder.objects.get()
    body = _get(client, cast, "handler").json()
    assert [item["number"] for item in body["items"]] == [order.number]
    assert body["next_cursor"] is None
    item = _get(client, cast, "handler", f"/{order.number}").json()
    assert item["ticket"] == forwarded.number
    assert item["addressed_to"]["name"] == "工程部"
    assert item["status"] == "sent"
    assert item["requested_action"] == "核实维修人员服务态度并回复"
    assert item["issued_by"] == "agent"


def test_a_partner_of_another_company_sees_nothing(client, cast, forwarded):
    order = ContactOrder.objects.get()
    assert _get(client, cast, "partner").json()["items"] == []
    response = _get(client, cast, "partner", f"/{order.number}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _get(client, cast, "partner", f"/{order.number}/pdf").status_code == 404


def test_qa_without_the_capability_is_refused(client, cast, forwarded):
    response = _get(client, cast, "qa")
    assert response.status_code == 403


def test_the_list_pages_with_a_cursor_and_filters(client, cast, customer, office, pinned):
    for title in ("一", "二", "三"):
        ticket = open_complaint(cast, customer, title=title)
        ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
        forward(cast, ticket)
    numbers = list(ContactOrder.objects.order_by("-id").values_list("number", flat=True))
    first = _get(client, cast, "agent", limit=2).json()
    assert [i["number"] for i in first["items"]] == numbers[:2]
    second = _get(client, cast, "agent", limit=2, cursor=first["next_cursor"]).json()
    assert [i["number"] for i in second["items"]] == numbers[2:]
    assert second["next_cursor"] is None
    assert _get(client, cast, "agent", open="false").json()["items"] == []
    assert len(_get(client, cast, "agent", status="sent").json()["items"]) == 3


def test_the_pdf_comes_through_the_api(client, cast, forwarded):
    order = ContactOrder.objects.get()
    response = _get(client, cast, "handler", f"/{order.number}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "工作联系单" in text
    assert order.number in text
