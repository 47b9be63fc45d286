"""Creating and changing customers (新建与修改客户): normalisation, validation, audit, grade."""

import datetime as dt
from decimal import Decimal

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import ValidationFailed
from kefu.customers.models import Customer, GradeChange, Tag
from kefu.customers.services import (
    add_stored_item,
    create_customer,
    update_customer,
    update_stored_item,
)
from kefu.customers.tests.factories import (
    CustomerFactory,
    CustomFieldFactory,
    quick_english_setup,  # noqa: F401
)


def test_creating_a_customer_normalises_contacts_and_computes_search_keys(cast):
    customer = create_customer(
        actor=cast.agent,
        data={
            "name": " 张三丰 ",
            "phone": "+86 138-1234-5678",
            "email": " ZSF@Example.COM ",
            "tags": ["老客户", "VIP", "老客户"],
        },
    )
    customer.refresh_from_db()
    assert customer.name == "张三丰"
    assert customer.phone == "13812345678"
    assert customer.phone_last4 == "5678"
    assert customer.email == "zsf@example.com"
    assert (customer.name_pinyin, customer.name_initials) == ("zhangsanfeng", "zsf")
    assert customer.created_by == cast.agent
    assert customer.created_at is not None
    assert customer.updated_at == customer.created_at
    assert sorted(customer.tags.values_list("name", flat=True)) == ["VIP", "老客户"]
    assert Customer.objects.search("zsf").get() == customer


def test_creating_a_customer_writes_one_audit_row_with_masked_phone(cast):
    customer = create_customer(actor=cast.agent, data={"name": "李四", "phone": "13900001111"})
    entry = AuditEntry.objects.get(object_type="customers.customer", object_id=str(customer.pk))
    assert entry.action == "create"
    assert entry.actor == cast.agent
    assert entry.changes["name"] == [None, "李四"]
    assert entry.changes["phone"] == [None, "139****1111"]
    assert "13900001111" not in str(entry.changes)


def test_a_bad_phone_is_a_field_error_and_nothing_is_written(cast):
    with pytest.raises(ValidationFailed) as caught:
        create_customer(actor=cast.agent, data={"name": "王五", "phone": "12345"})
    assert caught.value.fields == {"phone": ["Enter a valid phone number."]}
    assert not Customer.objects.exists()
    assert not AuditEntry.objects.filter(object_type="customers.customer").exists()


def test_a_duplicate_member_number_is_a_field_error_not_an_integrity_error(cast):
    CustomerFactory.create(member_number="M001")
    with pytest.raises(ValidationFailed) as caught:
        create_customer(actor=cast.agent, data={"name": "王五", "member_number": "M001"})
    assert list(caught.value.fields) == ["member_number"]
    assert Customer.objects.count() == 1


def test_updating_to_another_customers_member_number_is_refused_and_nothing_changes(cast):
    CustomerFactory.create(member_number="M001")
    other = create_customer(actor=cast.agent, data={"name": "赵六", "member_number": "M002"})
    with pytest.raises(ValidationFailed) as caught:
        update_customer(
            actor=cast.agent, customer=other, data={"member_number": "M001", "name": "赵六六"}
        )
    assert list(caught.value.fields) == ["member_number"]
    other.refresh_from_db()
    assert (other.name, other.member_number) == ("赵六", "M002")


def test_every_problem_is_reported_at_once_with_its_field(cast):
    with pytest.raises(ValidationFailed) as caught:
        create_customer(
            actor=cast.agent,
            data={
                "name": "",
                "email": "not-an-email",
                "birthday": "2999-01-01",
                "member_day": 32,
                "gender": "robot",
                "colour": "red",
            },
        )
    assert set(caught.value.fields) == {
        "name",
        "email",
        "birthday",
        "member_day",
        "gender",
        "colour",
    }


def test_custom_fields_are_checked_against_their_definitions(cast):
    CustomFieldFactory.create(
        key="size", label="尺码", field_type="choice", choices=["S", "M", "L"]
    )
    CustomFieldFactory.create(key="room", label="包厢", is_required=True)
    with pytest.raises(ValidationFailed) as caught:
        create_customer(actor=cast.agent, data={"name": "钱七", "custom_fields": {"size": "XL"}})
    assert set(caught.value.fields) == {"custom_fields.size", "custom_fields.room"}
    customer = create_customer(
        actor=cast.agent,
        data={"name": "钱七", "custom_fields": {"size": "M", "room": "A8"}},
    )
    assert customer.custom_fields == {"size": "M", "room": "A8"}


def test_an_update_changes_only_the_given_fields_and_audits_before_and_after(cast):
    customer = create_customer(
        actor=cast.agent, data={"name": "孙八", "phone": "13700002222", "company": "甲公司"}
    )
    updated = update_customer(
        actor=cast.manager, customer=customer, data={"company": "乙公司", "tags": ["重要"]}
    )
    assert (updated.name, updated.phone, updated.company) == ("孙八", "13700002222", "乙公司")
    entry = AuditEntry.objects.filter(action="update", object_id=str(customer.pk)).get()
    assert entry.actor == cast.manager
    assert entry.changes == {"company": ["甲公司", "乙公司"], "tags": [[], ["重要"]]}


def test_an_update_that_changes_nothing_writes_nothing(cast):
    customer = create_customer(actor=cast.agent, data={"name": "孙八", "company": "甲公司"})
    update_customer(actor=cast.agent, customer=customer, data={"company": " 甲公司 "})
    assert not AuditEntry.objects.filter(action="update").exists()


def test_tags_are_created_when_new_and_reused_when_known(cast):
    Tag.objects.create(name="VIP")
    create_customer(actor=cast.agent, data={"name": "甲", "tags": ["VIP", "新客"]})
    create_customer(actor=cast.agent, data={"name": "乙", "tags": ["新客"]})
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["VIP", "新客"]


def test_a_new_customer_gets_its_grade_from_the_rules_with_a_first_history_row(cast):
    customer = create_customer(
        actor=cast.agent, data={"name": "周九", "spend_12m": "12000", "visits_12m": 15}
    )
    assert customer.grade == "A"
    change = GradeChange.objects.get(customer=customer)
    assert (change.from_grade, change.to_grade, change.is_manual) == ("", "A", False)


def test_more_spend_raises_the_grade_and_the_history_records_it(cast):
    customer = create_customer(actor=cast.agent, data={"name": "吴十", "spend_12m": "100"})
    assert customer.grade == "C"
    updated = update_customer(
        actor=cast.agent, customer=customer, data={"spend_12m": Decimal("3500"), "visits_12m": 5}
    )
    assert updated.grade == "B"
    assert list(
        GradeChange.objects.filter(customer=customer).values_list("from_grade", "to_grade")
    ) == [("C", "B"), ("", "C")]


def test_membership_cannot_expire_before_it_starts(cast):
    with pytest.raises(ValidationFailed) as caught:
        create_customer(
            actor=cast.agent,
            data={
                "name": "郑一",
                "member_joined_on": dt.date(2024, 5, 1),
                "member_expires_on": dt.date(2024, 4, 1),
            },
        )
    assert list(caught.value.fields) == ["member_expires_on"]


def test_a_stored_item_is_added_and_withdrawn_with_audit_rows(cast):
    customer = CustomerFactory.create()
    item = add_stored_item(
        actor=cast.agent,
        customer=customer,
        data={"name": "轩尼诗XO", "quantity": "1.5", "unit": "瓶", "expires_on": "2099-01-01"},
    )
    assert item.stored_on is not None
    update_stored_item(actor=cast.agent, item=item, data={"status": "withdrawn"})
    item.refresh_from_db()
    assert item.status == "withdrawn"
    actions = list(
        AuditEntry.objects.filter(object_type="customers.storeditem").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]


def test_a_stored_item_cannot_expire_before_it_is_stored(cast):
    with pytest.raises(ValidationFailed) as caught:
        add_stored_item(
            actor=cast.agent,
            customer=CustomerFactory.create(),
            data={"name": "卡", "stored_on": "2024-05-01", "expires_on": "2024-04-01"},
        )
    assert list(caught.value.fields) == ["expires_on"]
