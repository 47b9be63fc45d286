"""Test factories of the customer archive (客户测试数据)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from kefu.core.clock import now
from kefu.core.phones import last4
from kefu.customers.models import Customer, CustomField, GradeChange, StoredItem, Tag


class CustomerFactory(DjangoModelFactory[Customer]):
    """A plain active customer written straight to the table (no service, no audit)."""

    class Meta:
        model = Customer

    name = Sequence(lambda n: f"客户{n}")
    phone = Sequence(lambda n: f"139{n:08d}")
    phone_last4 = LazyAttribute(lambda c: last4(c.phone))
    created_at = LazyFunction(now)
    updated_at = LazyFunction(now)


class TagFactory(DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = Sequence(lambda n: f"标签{n}")


class StoredItemFactory(DjangoModelFactory[StoredItem]):
    class Meta:
        model = StoredItem

    customer = SubFactory(CustomerFactory)
    name = "红酒"
    stored_on = LazyFunction(lambda: now().date())


class GradeChangeFactory(DjangoModelFactory[GradeChange]):
    class Meta:
        model = GradeChange

    customer = SubFactory(CustomerFactory)
    from_grade = "C"
    to_grade = "B"
    at = LazyFunction(now)


class CustomFieldFactory(DjangoModelFactory[CustomField]):
    class Meta:
        model = CustomField

    key = Sequence(lambda n: f"field{n}")
    label = Sequence(lambda n: f"字段{n}")


@pytest.fixture(autouse=True)
def quick_english_setup(settings) -> Iterator[None]:
    """Import into a test module: English messages, so tests can compare the msgids."""
    with translation.override("en"):
        yield
