"""Creating and editing customers through the console forms."""

import pytest

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, CustomField
from kefu.customers.services import create_customer


def login(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def form_data(**overrides):
    data = {
        "kind": "person",
        "name": "赵六",
        "gender": "female",
        "phone": "138 1234 5678",
        "email": "zhao@example.com",
        "birthday": "1990-05-01",
        "id_number": "",
        "address": "",
        "company": "",
        "source_channel": "phone",
        "owner": "",
        "member_number": "M0100",
        "member_joined_on": "",
        "member_day": "8",
        "member_expires_on": "",
        "vip_level": "2",
        "spend_12m": "1200.50",
        "visits_12m": "3",
        "tags": "VIP，老客户, VIP",
        "notes": "喜欢安静的包厢",
    }
    data.update(overrides)
    return data


def test_agent_creates_a_customer_with_tags_and_is_sent_to_it(client, cast):
    response = login(client, cast.agent).post("/customers/new/", form_data())
    customer = Customer.objects.get(name="赵六")
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{customer.pk}/"
    assert customer.phone == "13812345678"
    assert customer.phone_last4 == "5678"
    assert customer.member_day == 8
    assert customer.vip_level == 2
    assert sorted(customer.tags.values_list("name", flat=True)) == ["VIP", "老客户"]
    assert AuditEntry.objects.filter(action="create", object_id=str(customer.pk)).exists()


def test_a_refused_form_keeps_everything_the_user_typed(client, cast):
    create_customer(actor=cast.admin, data={"name": "先来的", "member_number": "M0100"})
    response = login(client, cast.agent).post(
        "/customers/new/", form_data(phone="12345", member_day="40")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in body
    for typed in (
        'value="赵六"',
        'value="zhao@example.com"',
        'value="M0100"',
        "喜欢安静的包厢",
        'value="VIP，老客户, VIP"',
        'value="1200.50"',
    ):
        assert typed in body, typed
    assert not Customer.objects.filter(name="赵六").exists()


def test_service_errors_land_on_their_fields(client, cast):
    create_customer(actor=cast.admin, data={"name": "先来的", "member_number": "M0100"})
    response = login(client, cast.agent).post("/customers/new/", form_data(phone="12345"))
    form = response.context["form"]
    assert response.status_code == 200
    assert "phone" in form.errors
    assert 'value="12345"' in response.content.decode()


def test_edit_never_prefills_personal_data_and_keeps_it_when_left_empty(client, cast):
    customer = create_customer(
        actor=cast.admin,
        data={
            "name": "钱七",
            "phone": "13812345678",
            "email": "qian@example.com",
            "id_number": "110101199003071234",
            "tags": ["VIP"],
        },
    )
    login(client, cast.agent)
    page = client.get(f"/customers/{customer.pk}/edit/").content.decode()
    assert "13812345678" not in page
    assert "qian@example.com" not in page
    assert "110101199003071234" not in page
    assert "138****5678" in page
    assert 'value="VIP"' in page
    data = form_data(
        name="钱七改", phone="", email="", id_number="", member_number="", tags="VIP, 新标签"
    )
    response = client.post(f"/customers/{customer.pk}/edit/", data)
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.name == "钱七改"
    assert customer.phone == "13812345678"
    assert customer.email == "qian@example.com"
    assert customer.id_number == "110101199003071234"
    assert sorted(customer.tags.values_list("name", flat=True)) == ["VIP", "新标签"]


def test_custom_fields_are_rendered_from_their_definitions_and_saved(client, cast):
    CustomField.objects.create(
        key="room", label="常用包厢", field_type="choice", choices=["大包", "中包"], position=1
    )
    CustomField.objects.create(key="drink", label="常饮", field_type="text", position=2)
    login(client, cast.agent)
    page = client.get("/customers/new/").content.decode()
    assert "常用包厢" in page
    assert 'name="cf_room"' in page
    assert 'name="cf_drink"' in page
    response = client.post("/customers/new/", form_data(cf_room="大包", cf_drink="绿茶"))
    assert response.status_code == 302
    assert Customer.objects.get(name="赵六").custom_fields == {"room": "大包", "drink": "绿茶"}
    bad = client.post(
        "/customers/new/", form_data(name="另一个", member_number="", cf_room="总统包")
    )
    assert bad.status_code == 200
    assert "cf_room" in bad.context["form"].errors


@pytest.mark.parametrize("role", ["qa", "auditor", "partner"])
def test_read_only_roles_cannot_post_the_forms(client, cast, role):
    customer = create_customer(actor=cast.admin, data={"name": "钱七"})
    login(client, cast.by_role(role))
    assert client.post("/customers/new/", form_data()).status_code == 403
    assert client.post(f"/customers/{customer.pk}/edit/", form_data()).status_code == 403
    assert not Customer.objects.filter(name="赵六").exists()
