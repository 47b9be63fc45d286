"""A bad-input corpus on the main console forms (恶意/异常输入, issue 6 item 7): every answer is a
page with the error in Chinese or a redirect with the text stored verbatim; never a 500, and
nothing is written on error."""

from __future__ import annotations

import pytest
from django.utils import translation

from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.kb.models import Article
from kefu.quality.models import ServiceError
from kefu.tickets.models import Ticket, TicketComment
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db

HUGE = "长" * (1024 * 1024)  # 1 MB of text (3 MB of UTF-8)
# Kept verbatim when valid.
STORED = {
    "emoji": "王芳😀👍🏽‍🔧",
    "full-width": "ＡＢＣ１２３，（全角）",
    "rtl": "abc\u202eexe.txt",
    "sql": "'; DROP TABLE customers_customer; --",
    "template": "{{ settings.SECRET_KEY }}{% debug %}${7*7}",
}


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


REQUIRED = zh("This field is required.")


@pytest.fixture
def agent(client, cast):
    client.force_login(cast.agent)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return cast.agent


def post(client, path: str, data: dict[str, str]):
    response = client.post(path, data, follow=True)
    assert response.status_code in (200, 422), f"{path}: {response.status_code}"
    return response.content.decode()


def customer_data(name: str, **extra: str) -> dict[str, str]:
    return {
        "kind": "person",
        "name": name,
        "gender": "unknown",
        "source_channel": "phone",
        "phone": "13700001111",
        "vip_level": "0",
        "spend_12m": "0",
        "visits_12m": "0",
        **extra,
    }


@pytest.mark.parametrize("value", list(STORED.values()), ids=list(STORED))
def test_customer_create_keeps_odd_text_verbatim(client, agent, value):
    response = client.post("/customers/new/", customer_data(value, address=value, notes=value))
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Customer.objects.get()
    assert stored.name == value
    assert stored.address == value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", REQUIRED),
        ("name", "   ", REQUIRED),
        ("name", HUGE, "确保"),
        ("birthday", "10000-01-01", zh("Enter a valid date.")),
        ("birthday", "2026-02-30", zh("Enter a valid date.")),
        ("birthday", "0000-01-01", zh("Enter a valid date.")),
    ],
    ids=["empty", "blank", "huge", "year-10000", "feb-30", "year-0"],
)
def test_customer_create_refuses_bad_input_in_chinese_and_writes_nothing(
    client, agent, field, value, message
):
    data = customer_data("李雷")
    data[field] = value
    html = post(client, "/customers/new/", data)
    assert message in html
    assert not Customer.objects.exists()


def test_customer_edit_refuses_a_huge_address_and_keeps_the_old_one(client, agent, cast):
    person = create_customer(actor=cast.agent, data={"name": "韩梅梅", "phone": "13700002222"})
    html = post(client, f"/customers/{person.pk}/edit/", customer_data("韩梅梅", address=HUGE))
    assert "errorlist" in html
    assert "确保" in html
    person.refresh_from_db()
    assert person.address == ""


def ticket_data(title: str, description: str = "描述") -> dict[str, str]:
    return {
        "type": "complaint",
        "channel": "phone",
        "priority": "medium",
        "customer_name": "王芳",
        "customer_phone": "13800138000",
        "title": title,
        "description": description,
    }


@pytest.mark.parametrize("value", list(STORED.values()), ids=list(STORED))
def test_ticket_create_keeps_odd_text_verbatim(client, agent, value):
    response = client.post("/work-orders/new/", ticket_data(value, value))
    assert response.status_code == 302, response.content.decode()[:3000]
    ticket = Ticket.objects.get()
    assert ticket.title == value
    assert ticket.description == value


@pytest.mark.parametrize(
    ("title", "description"),
    [("", "x"), (HUGE, "x"), ("标题", HUGE)],
    ids=["empty", "huge-title", "huge-description"],
)
def test_ticket_create_refuses_bad_input_and_writes_nothing(client, agent, title, description):
    html = post(client, "/work-orders/new/", ticket_data(title, description))
    assert "errorlist" in html or "error" in html
    assert not Ticket.objects.exists()
    assert not Customer.objects.exists()


@pytest.mark.parametrize("value", ["", "  ", HUGE], ids=["empty", "blank", "huge"])
def test_a_bad_comment_is_refused_in_chinese_and_writes_nothing(
    client, agent, cast, customer, value
):
    ticket = open_ticket(cast, customer)
    html = post(client, f"/work-orders/{ticket.number}/comments/", {"kind": "note", "body": value})
    assert not TicketComment.objects.exists()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in html)


@pytest.mark.parametrize("value", list(STORED.values()), ids=list(STORED))
def test_a_comment_keeps_odd_text_verbatim(client, agent, cast, customer, value):
    ticket = open_ticket(cast, customer)
    post(client, f"/work-orders/{ticket.number}/comments/", {"kind": "reply", "body": value})
    assert TicketComment.objects.get().body == value


@pytest.mark.parametrize(
    ("title", "body"),
    [("", "正文"), (HUGE, "正文"), ("标题", HUGE), ("标题", "")],
    ids=["empty-title", "huge-title", "huge-body", "empty-body"],
)
def test_kb_article_create_refuses_bad_input_and_writes_nothing(client, cast, title, body):
    client.force_login(cast.manager)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    html = post(client, "/knowledge/new/", {"title": title, "body": body, "visibility": "internal"})
    assert not Article.objects.exists()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in html)


@pytest.mark.parametrize("value", list(STORED.values()), ids=list(STORED))
def test_kb_article_keeps_odd_text_verbatim(client, cast, value):
    client.force_login(cast.manager)
    response = client.post(
        "/knowledge/new/", {"title": value, "body": value, "visibility": "internal"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get().title == value


@pytest.mark.parametrize(
    ("occurred_on", "description"),
    [("2026-01-01", ""), ("2026-01-01", HUGE), ("99999-01-01", "说明"), ("2099-01-01", "说明")],
    ids=["empty", "huge", "bad-year", "future"],
)
def test_service_error_refuses_bad_input_and_writes_nothing(client, cast, occurred_on, description):
    client.force_login(cast.qa)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    html = post(
        client,
        "/quality/errors/",
        {
            "occurred_on": occurred_on,
            "error_type": "attitude",
            "severity": "minor",
            "description": description,
            "person": str(cast.agent.staff.pk) if hasattr(cast.agent, "staff") else "",
        },
    )
    assert not ServiceError.objects.exists()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in html)
