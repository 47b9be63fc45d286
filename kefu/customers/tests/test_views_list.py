"""The customer list: live search, filters, masked phones, keyset pages, a query budget."""

import re

import pytest

from kefu.customers.models import Customer
from kefu.customers.services import create_customer


@pytest.fixture
def people(cast):
    return {
        "zhang": create_customer(
            actor=cast.admin,
            data={
                "name": "张三丰",
                "phone": "13812345678",
                "member_number": "M0001",
                "tags": ["VIP", "老客户"],
                "owner": cast.agent,
            },
        ),
        "li": create_customer(
            actor=cast.admin,
            data={
                "name": "李四",
                "phone": "13900001111",
                "member_number": "M0002",
                "tags": ["新客"],
            },
        ),
        "wang": create_customer(
            actor=cast.admin,
            data={"name": "王五", "phone": "13700002222", "email": "wangwu@example.com"},
        ),
    }


def names_in(body: str) -> set[str]:
    return set(re.findall(r'<a href="/customers/\d+/">([^<]+)</a>', body))


@pytest.fixture
def agent_client(client, cast):
    client.force_login(cast.agent)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_list_page_has_the_search_box_and_masked_phones(agent_client, people):
    body = agent_client.get("/customers/").content.decode()
    assert "data-search" in body
    assert 'name="q"' in body
    assert "Name, pinyin initials, phone, last 4 digits or member number" in body
    assert 'hx-get="/customers/"' in body
    assert 'hx-push-url="true"' in body
    assert '<span class="masked">138****5678</span>' in body
    assert '<span class="badge grade-C">' in body
    assert "13812345678" not in body
    assert "13900001111" not in body
    assert names_in(body) == {"张三丰", "李四", "王五"}
    assert "<script>" not in body
    assert 'style="' not in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5678", {"张三丰"}),
        ("zsf", {"张三丰"}),
        ("ZS", {"张三丰"}),
        ("M0002", {"李四"}),
        ("13900001111", {"李四"}),
        ("王", {"王五"}),
        ("wangwu@example.com", {"王五"}),
        ("nobody", set()),
    ],
)
def test_search_finds_by_last_digits_pinyin_initials_member_number_and_phone(
    agent_client, people, query, expected
):
    body = agent_client.get("/customers/", {"q": query}).content.decode()
    assert names_in(body) == expected


def test_live_search_answers_htmx_with_rows_only(agent_client, people):
    response = agent_client.get("/customers/", {"q": "5678"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<tr" in body
    assert names_in(body) == {"张三丰"}
    assert 'id="customer-pager" hx-swap-oob="true"' in body
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(agent_client, people):
    response = agent_client.get(
        "/customers/", {"q": "5678"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_filters_by_grade_vip_level_and_tag(agent_client, people, cast):
    from kefu.customers.services import override_grade, update_customer

    override_grade(actor=cast.manager, customer=people["li"], grade="A", reason="大客户")
    update_customer(actor=cast.admin, customer=people["wang"], data={"vip_level": 3})
    assert names_in(agent_client.get("/customers/", {"grade": "A"}).content.decode()) == {"李四"}
    assert names_in(agent_client.get("/customers/", {"vip": "3"}).content.decode()) == {"王五"}
    assert names_in(agent_client.get("/customers/", {"tag": "老客户"}).content.decode()) == {
        "张三丰"
    }
    # An invalid filter value is ignored rather than failing the page.
    assert len(names_in(agent_client.get("/customers/", {"vip": "abc"}).content.decode())) == 3


def test_cursor_pages_return_every_customer_exactly_once(agent_client, cast):
    for i in range(60):
        create_customer(actor=cast.admin, data={"name": f"客户{i:03d}"})
    seen: list[str] = []
    url = "/customers/"
    pages = 0
    while url:
        response = agent_client.get(url)
        seen += names_in(response.content.decode())
        pages += 1
        nxt = response.context["next_url"]
        url = f"/customers/{nxt}" if nxt else ""
    assert pages == 3
    assert sorted(seen) == [f"客户{i:03d}" for i in range(60)]


def test_a_broken_cursor_shows_the_first_page(agent_client, people):
    response = agent_client.get("/customers/", {"cursor": "not-a-cursor"})
    assert response.status_code == 200
    assert len(names_in(response.content.decode())) == 3


def test_merged_customers_leave_the_list(agent_client, people):
    Customer.objects.filter(pk=people["wang"].pk).update(is_active=False)
    assert "王五" not in names_in(agent_client.get("/customers/").content.decode())


def test_list_page_stays_within_its_query_budget(client, cast, django_assert_max_num_queries):
    for i in range(30):
        create_customer(
            actor=cast.admin,
            data={
                "name": f"客户{i}",
                "phone": f"1380000{i:04d}",
                "tags": [f"t{i % 3}", "共同"],
                "owner": cast.agent,
            },
        )
    client.force_login(cast.agent)
    client.get("/customers/")  # warm the permission caches of the session user
    with django_assert_max_num_queries(9):
        response = client.get("/customers/")
    assert len(names_in(response.content.decode())) == 25
