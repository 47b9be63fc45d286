"""New work order form (新建工单): an existing customer or a caller by name and phone, the
phone screen pop's prefill, the customer lookup and the knowledge base hook."""

from __future__ import annotations

import pytest

from kefu.customers.models import Customer
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.tests import console_fixtures

pytestmark = pytest.mark.django_db
people = console_fixtures.people

FORM = {
    "type": "complaint",
    "channel": "phone",
    "priority": "high",
    "category": "服务态度",
    "title": "安装工态度差",
    "q": "客户反映安装工态度恶劣",
}


def test_a_work_order_for_an_existing_customer_is_opened(client, cast, people):
    client.force_login(cast.agent)
    response = client.post("/work-orders/new/", {**FORM, "customer": people["wang"].pk})
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/work-orders/{ticket.number}/"
    assert (ticket.customer, ticket.priority, ticket.category) == (
        people["wang"],
        "high",
        "服务态度",
    )
    assert ticket.description == "客户反映安装工态度恶劣"
    assert ticket.created_by == cast.agent
    assert TicketEvent.objects.filter(ticket=ticket, kind="created").count() == 1


def test_a_caller_given_by_name_and_phone_is_matched_by_phone_or_created(client, cast, people):
    client.force_login(cast.agent)
    client.post(
        "/work-orders/new/",
        {**FORM, "customer_name": "王芳", "customer_phone": "138 0013 8000"},
    )
    assert Ticket.objects.get().customer == people["wang"]
    client.post(
        "/work-orders/new/", {**FORM, "customer_name": "赵敏", "customer_phone": "13611112222"}
    )
    newcomer = Customer.objects.get(name="赵敏")
    assert Ticket.objects.filter(customer=newcomer).count() == 1


def test_without_a_customer_nothing_is_opened_and_the_values_are_kept(client, cast, people):
    client.force_login(cast.agent)
    response = client.post("/work-orders/new/", FORM)
    assert response.status_code == 422
    body = response.content.decode()
    assert "请选择客户，或填写来电人的姓名和电话。" in body
    assert 'value="安装工态度差"' in body
    assert "客户反映安装工态度恶劣</textarea>" in body
    assert not Ticket.objects.exists()


def test_a_customer_out_of_scope_cannot_be_chosen(client, cast, people):
    """A handler may not open work orders at all; an agent cannot use an unknown id."""
    client.force_login(cast.handler)
    assert client.get("/work-orders/new/").status_code == 403
    client.force_login(cast.agent)
    response = client.post("/work-orders/new/", {**FORM, "customer": 999999})
    assert response.status_code == 422
    assert not Ticket.objects.exists()


def test_the_screen_pop_prefills_customer_and_channel(client, cast, people):
    client.force_login(cast.agent)
    body = client.get(
        "/work-orders/new/", {"customer": people["li"].pk, "channel": "wechat"}
    ).content.decode()
    assert f'value="{people["li"].pk}" checked' in body
    assert "李雷" in body
    assert "139****9001" in body
    assert "13900139001" not in body
    assert '<option value="wechat" selected>' in body


def test_the_customer_lookup_finds_by_the_last_four_digits_masked(client, cast, people):
    client.force_login(cast.agent)
    body = client.get("/work-orders/new/customers/", {"customer_q": "9001"}).content.decode()
    assert "李雷" in body
    assert "139****9001" in body
    assert "王芳" not in body
    assert "13900139001" not in body
    empty = client.get("/work-orders/new/customers/", {"customer_q": "0000"}).content.decode()
    assert "未找到客户" in empty


def test_the_description_carries_the_knowledge_base_hook_when_it_exists(client, cast):
    from django.urls import NoReverseMatch, reverse

    client.force_login(cast.agent)
    body = client.get("/work-orders/new/").content.decode()
    textarea = body.split('id="id_description"')[1].split(">")[0]
    try:
        url = reverse("kb:suggest")
    except NoReverseMatch:
        assert "hx-get" not in textarea
    else:
        assert f'hx-get="{url}"' in textarea
        assert 'hx-target="#kb-suggestions"' in textarea
    assert 'name="q"' in body.split('id="id_description"')[0].rsplit("<textarea", 1)[1]
    assert 'id="kb-suggestions"' in body
