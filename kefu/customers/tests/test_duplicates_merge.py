"""Duplicates and merge (重复客户与合并): found by phone or email; a merge keeps all history."""

import datetime as dt
from decimal import Decimal

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.models import Customer, GradeChange, StoredItem
from kefu.customers.services import duplicate_groups, find_duplicates, merge_customers
from kefu.customers.tests.factories import (
    CustomerFactory,
    GradeChangeFactory,
    StoredItemFactory,
    TagFactory,
    quick_english_setup,  # noqa: F401
)


def test_duplicates_are_active_customers_with_the_same_phone_or_email(db):
    me = CustomerFactory.create(phone="13812345678", email="me@example.com")
    same_phone = CustomerFactory.create(phone="13812345678", email="")
    same_email = CustomerFactory.create(phone="13900000000", email="me@example.com")
    CustomerFactory.create(phone="13812345678", is_active=False)
    CustomerFactory.create(phone="13700000000", email="other@example.com")
    assert find_duplicates(me) == [same_phone, same_email]


def test_a_customer_without_phone_or_email_has_no_duplicates(db):
    lonely = CustomerFactory.create(phone="", email="")
    CustomerFactory.create(phone="", email="")
    assert find_duplicates(lonely) == []


def test_duplicate_groups_join_customers_linked_by_phone_or_by_email(db):
    a = CustomerFactory.create(phone="13812345678", email="a@example.com")
    b = CustomerFactory.create(phone="13812345678", email="")
    c = CustomerFactory.create(phone="13900000000", email="a@example.com")
    d = CustomerFactory.create(phone="13700000000", email="d@example.com")
    e = CustomerFactory.create(phone="13700000000", email="")
    CustomerFactory.create(phone="13600000000")
    assert duplicate_groups() == [[a, b, c], [d, e]]
    assert duplicate_groups(limit=1) == [[a, b, c]]


@pytest.fixture
def pair(db):
    keep = CustomerFactory.create(name="张三", phone="13812345678", email="", address="")
    remove = CustomerFactory.create(
        name="张三(旧)",
        phone="13812345678",
        email="zs@example.com",
        address="上海市",
        member_number="M9",
        birthday=dt.date(1990, 1, 1),
        custom_fields={"room": "A8"},
    )
    return keep, remove


def test_a_merge_moves_every_reference_to_the_kept_customer(cast, pair):
    keep, remove = pair
    vip, old = TagFactory.create(name="VIP"), TagFactory.create(name="老客户")
    keep.tags.add(vip)
    remove.tags.add(vip, old)
    change = GradeChangeFactory.create(customer=remove)
    item = StoredItemFactory.create(customer=remove)
    earlier = CustomerFactory.create(is_active=False, merged_into=remove)

    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")

    assert GradeChange.objects.get(pk=change.pk).customer_id == keep.pk
    assert StoredItem.objects.get(pk=item.pk).customer_id == keep.pk
    assert Customer.objects.get(pk=earlier.pk).merged_into_id == keep.pk
    assert sorted(keep.tags.values_list("name", flat=True)) == ["VIP", "老客户"]
    for relation in Customer._meta.related_objects:
        model = relation.related_model
        assert not model._base_manager.filter(**{relation.field.name: remove}).exists(), model


def test_the_removed_customer_stays_inactive_and_points_at_the_kept_one(cast, pair):
    keep, remove = pair
    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    remove.refresh_from_db()
    assert remove.is_active is False
    assert remove.merged_into_id == keep.pk
    assert remove.member_number is None  # unique: moved to the kept customer
    assert list(keep.merged_from.all()) == [remove]


def test_a_merge_fills_only_the_empty_fields_of_the_kept_customer(cast, pair):
    keep, remove = pair
    kept = merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    assert kept.name == "张三"
    assert (kept.email, kept.address, kept.member_number) == ("zs@example.com", "上海市", "M9")
    assert kept.birthday == dt.date(1990, 1, 1)
    assert kept.custom_fields == {"room": "A8"}


def test_a_merge_is_audited_on_both_customers_with_the_reason(cast, pair):
    keep, remove = pair
    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="客户来电确认同一人")
    entries = AuditEntry.objects.filter(action="merge")
    assert {e.object_id for e in entries} == {str(keep.pk), str(remove.pk)}
    assert {e.reason for e in entries} == {"客户来电确认同一人"}
    on_keep = entries.get(object_id=str(keep.pk))
    assert on_keep.changes["email"] == ["", "zs@example.com"]


def test_a_merged_spend_recomputes_the_grade_of_the_kept_customer(cast):
    keep = CustomerFactory.create(grade="C")
    remove = CustomerFactory.create(spend_12m=Decimal("20000"), visits_12m=30)
    kept = merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    assert kept.grade == "A"


def test_merging_needs_a_reason_two_customers_and_the_capability(cast, pair):
    keep, remove = pair
    with pytest.raises(ValidationFailed) as caught:
        merge_customers(actor=cast.manager, keep=keep, remove=keep, reason="")
    assert set(caught.value.fields) == {"reason", "remove"}
    with pytest.raises(NotPermitted):
        merge_customers(actor=cast.agent, keep=keep, remove=remove, reason="同一人")
    assert Customer.objects.filter(is_active=True).count() == 2


def test_a_customer_already_merged_away_cannot_be_merged_again(cast, pair):
    keep, remove = pair
    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    with pytest.raises(ValidationFailed):
        merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="再来一次")
