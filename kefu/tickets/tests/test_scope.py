"""Data scope: who sees which work orders, and which customers a partner sees through them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(cast):
    """A complaint forwarded to 工程部, a repair dispatched to 物业公司, a consultation."""
    due = timezone.now()
    names = ("投诉客户", "报修客户", "咨询客户")
    people = [
        create_customer(actor=cast.agent, data={"name": name, "phone": f"1380000000{i}"})
        for i, name in enumerate(names)
    ]
    complaint = open_ticket(cast, people[0])
    complaint = apply_transition(
        actor=cast.agent,
        ticket=complaint,
        transition="classify",
        fields={"category": "产品质量"},
    )
    complaint = apply_transition(
        actor=cast.agent,
        ticket=complaint,
        transition="forward",
        fields={
            "responsible_department": cast.engineering,
            "requested_action": "调查",
            "reply_due_at": due,
        },
    )
    repair = apply_transition(
        actor=cast.agent,
        ticket=open_ticket(cast, people[1], "repair"),
        transition="dispatch",
        fields={"partner": cast.property_company, "requested_action": "修", "repair_due_at": due},
    )
    consultation = open_ticket(cast, people[2], "consultation")
    return {"complaint": complaint, "repair": repair, "consultation": consultation}


def visible(user):
    return set(Ticket.objects.visible_to(user).values_list("number", flat=True))


def numbers(*tickets):
    return {t.number for t in tickets}


@pytest.mark.parametrize("role", ["admin", "manager", "supervisor", "agent", "qa", "auditor"])
def test_service_staff_see_every_work_order(cast, tickets, role):
    assert visible(cast.by_role(role)) == numbers(*tickets.values())


def test_a_handler_sees_only_work_sent_to_the_department(cast, tickets):
    assert visible(cast.handler) == numbers(tickets["complaint"])


def test_a_partner_sees_only_work_sent_to_its_company(cast, tickets):
    assert visible(cast.partner) == numbers(tickets["repair"])
    assert visible(cast.other_partner) == set()


def test_anonymous_sees_no_work_order(tickets, anonymous):
    assert visible(anonymous) == set()


def test_a_partner_sees_exactly_the_customers_of_work_forwarded_to_its_company(cast, tickets):
    def names(user):
        return set(Customer.objects.visible_to(user).values_list("name", flat=True))

    assert names(cast.partner) == {"报修客户"}
    assert names(cast.handler) == {"投诉客户"}
    assert names(cast.other_partner) == set()
    assert len(names(cast.agent)) == 3
