"""Data scope (数据范围): partners see only customers linked to work sent to their company."""

import pytest

from kefu.customers.models import Customer
from kefu.customers.querysets import register_scope_provider, unregister_scope_provider
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401


@pytest.fixture
def customers(db):
    return [CustomerFactory.create() for _ in range(3)]


def test_service_staff_see_every_customer(cast, customers):
    for role in ("admin", "manager", "supervisor", "agent", "qa", "auditor"):
        assert Customer.objects.visible_to(cast.by_role(role)).count() == 3


def test_a_partner_sees_no_customer_while_nothing_is_forwarded(cast, customers):
    assert not Customer.objects.visible_to(cast.partner).exists()
    assert not Customer.objects.visible_to(cast.handler).exists()


def test_anonymous_sees_no_customer(anonymous, customers):
    assert not Customer.objects.visible_to(anonymous).exists()


@pytest.fixture
def forwarded(cast, customers):
    """Pretend work for the first two customers was forwarded to the property company."""
    links = {cast.property_company.pk: [customers[0].pk, customers[1].pk]}

    def provider(department_id):
        return Customer.objects.filter(pk__in=links.get(department_id, [])).values("pk")

    register_scope_provider(provider)
    yield links
    unregister_scope_provider(provider)


def test_with_a_scope_provider_a_partner_sees_exactly_the_linked_customers(
    cast, customers, forwarded
):
    visible = set(Customer.objects.visible_to(cast.partner).values_list("pk", flat=True))
    assert visible == {customers[0].pk, customers[1].pk}


def test_with_a_scope_provider_another_partner_sees_none(cast, customers, forwarded):
    assert not Customer.objects.visible_to(cast.other_partner).exists()
