"""The customer detail page: masked facts, audited reveal, stored items, grade, merge."""

import datetime as dt

import pytest

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, GradeChange, StoredItem
from kefu.customers.services import create_customer

FULL_PHONE = "13812345678"
FULL_ID = "110101199003071234"


@pytest.fixture
def customer(cast):
    return create_customer(
        actor=cast.admin,
        data={
            "name": "张三丰",
            "phone": FULL_PHONE,
            "email": "zsf@example.com",
            "id_number": FULL_ID,
            "member_number": "M0001",
            "tags": ["VIP"],
        },
    )


def login(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def reveals():
    return AuditEntry.objects.filter(action="reveal")


def test_agent_sees_masked_phone_and_id_number_and_no_reveal_form(client, cast, customer):
    body = login(client, cast.agent).get(f"/customers/{customer.pk}/").content.decode()
    assert '<dd data-testid="phone" class="masked">138****5678</dd>' in body
    assert 'data-testid="id-number" class="masked">110***********1234<' in body
    assert FULL_PHONE not in body
    assert FULL_ID not in body
    assert "zsf@example.com" not in body
    assert "/reveal/" not in body
    assert 'class="facts"' in body
    assert "M0001" in body
    assert '<span class="tag">VIP</span>' in body


def test_manager_reveals_with_a_reason_and_the_reveal_is_audited(client, cast, customer):
    login(client, cast.manager)
    page = client.get(f"/customers/{customer.pk}/").content.decode()
    assert 'data-testid="reveal-form"' in page
    assert FULL_PHONE not in page
    response = client.post(f"/customers/{customer.pk}/reveal/", {"reason": "客户来电核对手机号"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<dd data-testid="phone" class="">{FULL_PHONE}</dd>' in body
    assert FULL_ID in body
    assert "zsf@example.com" in body
    entry = reveals().get()
    assert entry.actor == cast.manager
    assert entry.reason == "客户来电核对手机号"
    assert entry.object_id == str(customer.pk)
    # Nothing is kept: the next view is masked again.
    assert FULL_PHONE not in client.get(f"/customers/{customer.pk}/").content.decode()
    assert not any(FULL_PHONE in str(v) for v in client.session.values())


def test_admin_reveal_through_htmx_swaps_the_personal_data_only(client, cast, customer):
    login(client, cast.admin)
    response = client.post(
        f"/customers/{customer.pk}/reveal/", {"reason": "核实身份"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith("<section")
    assert 'id="personal-data"' in body
    assert FULL_PHONE in body
    assert reveals().get().actor == cast.admin


@pytest.mark.parametrize("reason", ["", "   "])
def test_reveal_without_a_reason_is_refused(client, cast, customer, reason):
    login(client, cast.manager)
    response = client.post(f"/customers/{customer.pk}/reveal/", {"reason": reason})
    body = response.content.decode()
    assert response.status_code == 200
    assert FULL_PHONE not in body
    assert "Give a reason." in body
    assert not reveals().exists()


def test_agent_cannot_reveal_even_with_a_reason(client, cast, customer):
    response = login(client, cast.agent).post(
        f"/customers/{customer.pk}/reveal/", {"reason": "想看看"}
    )
    assert response.status_code == 403
    assert FULL_PHONE not in response.content.decode()
    assert not reveals().exists()


def test_reveal_of_a_customer_out_of_scope_is_not_found(client, cast, customer):
    # A manager of another deployment cannot guess ids either: the scope comes first.
    response = login(client, cast.manager).post("/customers/999999/reveal/", {"reason": "x"})
    assert response.status_code == 404


def test_stored_items_are_listed_and_added(client, cast, customer):
    login(client, cast.agent)
    response = client.post(
        f"/customers/{customer.pk}/stored-items/",
        {
            "name": "轩尼诗XO",
            "quantity": "2",
            "unit": "瓶",
            "stored_on": "2025-03-01",
            "expires_on": "2025-06-01",
            "notes": "包厢 8",
        },
    )
    assert response.status_code == 302
    item = StoredItem.objects.get(customer=customer)
    assert item.expires_on == dt.date(2025, 6, 1)
    body = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "轩尼诗XO" in body
    assert "2025-06-01" in body


def test_a_bad_stored_item_comes_back_with_errors_and_the_typed_values(client, cast, customer):
    response = login(client, cast.agent).post(
        f"/customers/{customer.pk}/stored-items/",
        {"name": "轩尼诗XO", "quantity": "2", "stored_on": "not a date"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "轩尼诗XO" in body
    assert "errorlist" in body
    assert not StoredItem.objects.exists()


def test_manual_grade_override_needs_a_reason_and_is_kept_in_history(client, cast, customer):
    login(client, cast.manager)
    refused = client.post(f"/customers/{customer.pk}/grade/", {"grade": "A", "reason": ""})
    assert refused.status_code == 200
    assert "Give a reason." in refused.content.decode()
    assert Customer.objects.get(pk=customer.pk).grade == "C"
    done = client.post(f"/customers/{customer.pk}/grade/", {"grade": "A", "reason": "年度贵宾"})
    assert done.status_code == 302
    customer.refresh_from_db()
    assert customer.grade == "A"
    assert customer.grade_is_manual
    change = GradeChange.objects.filter(customer=customer, is_manual=True).get()
    assert change.reason == "年度贵宾"
    assert change.actor == cast.manager
    body = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "年度贵宾" in body
    assert 'data-testid="grade-clear-form"' in body
    cleared = client.post(f"/customers/{customer.pk}/grade/clear/", {"reason": "恢复规则"})
    assert cleared.status_code == 302
    customer.refresh_from_db()
    assert not customer.grade_is_manual


def test_duplicates_are_shown_and_merged_from_the_detail_page(client, cast, customer):
    other = create_customer(actor=cast.admin, data={"name": "张三", "phone": FULL_PHONE})
    login(client, cast.supervisor)
    body = client.get(f"/customers/{customer.pk}/").content.decode()
    assert 'data-testid="duplicates"' in body
    assert "张三</a>" in body
    assert "data-confirm" in body
    no_reason = client.post(
        "/customers/merge/", {"keep": customer.pk, "remove": other.pk, "reason": ""}
    )
    assert no_reason.status_code == 302
    assert Customer.objects.get(pk=other.pk).is_active
    response = client.post(
        "/customers/merge/", {"keep": customer.pk, "remove": other.pk, "reason": "同一个人"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{customer.pk}/"
    other.refresh_from_db()
    assert not other.is_active
    assert other.merged_into_id == customer.pk
    assert AuditEntry.objects.filter(action="merge", reason="同一个人").exists()


def test_agent_cannot_merge(client, cast, customer):
    other = create_customer(actor=cast.admin, data={"name": "张三", "phone": FULL_PHONE})
    response = login(client, cast.agent).post(
        "/customers/merge/", {"keep": customer.pk, "remove": other.pk, "reason": "同一个人"}
    )
    assert response.status_code == 403
    assert Customer.objects.get(pk=other.pk).is_active


def test_timeline_shows_entries_from_registered_sources(client, cast, customer):
    from kefu.core.clock import now
    from kefu.customers import timeline

    def source(c, user):
        if c.pk == customer.pk:
            yield timeline.TimelineEntry(
                at=now(), kind="ticket", title="投诉 TS-0001", detail="服务态度", url="/t/1/"
            )

    timeline.register_timeline_source(source)
    try:
        body = login(client, cast.agent).get(f"/customers/{customer.pk}/").content.decode()
    finally:
        timeline.unregister_timeline_source(source)
    assert '<a href="/t/1/">投诉 TS-0001</a>' in body
    assert "服务态度" in body


def test_detail_page_stays_within_its_query_budget(
    client, cast, customer, django_assert_max_num_queries
):
    from kefu.customers.services import add_stored_item, override_grade

    for i in range(5):
        add_stored_item(
            actor=cast.agent, customer=customer, data={"name": f"酒{i}", "stored_on": "2025-01-01"}
        )
        override_grade(actor=cast.manager, customer=customer, grade="ABC"[i % 3], reason=f"r{i}")
        create_customer(actor=cast.admin, data={"name": f"重复{i}", "phone": FULL_PHONE})
    login(client, cast.manager)
    with django_assert_max_num_queries(20):
        response = client.get(f"/customers/{customer.pk}/")
    body = response.content.decode()
    assert body.count("酒4") >= 1
    assert body.count('data-testid="merge-form"') == 5


def test_revealed_values_are_not_cached(client, cast, customer):
    response = login(client, cast.manager).post(
        f"/customers/{customer.pk}/reveal/", {"reason": "核实身份"}
    )
    assert "no-store" in response["Cache-Control"]


def test_a_stored_item_is_withdrawn_and_audited(client, cast, customer):
    from kefu.customers.services import add_stored_item

    item = add_stored_item(
        actor=cast.agent, customer=customer, data={"name": "轩尼诗XO", "stored_on": "2025-03-01"}
    )
    login(client, cast.agent)
    body = client.get(f"/customers/{customer.pk}/").content.decode()
    url = f"/customers/{customer.pk}/stored-items/{item.pk}/withdraw/"
    assert f'action="{url}"' in body
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.status == "withdrawn"
    assert AuditEntry.objects.filter(action="update", object_id=str(item.pk)).exists()
    other = create_customer(actor=cast.admin, data={"name": "李四"})
    wrong = f"/customers/{other.pk}/stored-items/{item.pk}/withdraw/"
    assert client.post(wrong).status_code == 404
    assert login(client, cast.qa).post(url).status_code == 403
