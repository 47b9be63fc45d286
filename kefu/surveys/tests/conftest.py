"""Fixtures of the survey tests: the shipped questionnaire, a customer, a closed work order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone, translation

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.surveys.demo import ensure_demo_surveys
from kefu.surveys.models import SurveyInvitation, SurveyTemplate
from kefu.surveys.services import invite_for_ticket
from kefu.tickets.models import Ticket
from kefu.tickets.services import create_ticket

PHONE = "13900139000"


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """Service messages are asserted in English (the public page is always in Chinese)."""
    with translation.override("en"):
        yield


@pytest.fixture
def questionnaire(cast: Cast) -> SurveyTemplate:
    return ensure_demo_surveys(cast.manager)


def make_customer(cast: Cast, name: str = "李娜", **data: Any) -> Customer:
    data.setdefault("phone", PHONE)
    return create_customer(actor=cast.agent, data={"name": name, **data})


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return make_customer(cast, email="lina@example.com")


def open_ticket(cast: Cast, customer: Customer, **extra: Any) -> Ticket:
    return create_ticket(
        actor=cast.agent,
        type_code=extra.pop("type_code", "consultation"),
        customer=customer,
        channel="phone",
        title=extra.pop("title", "厨房漏水怎么办"),
        **extra,
    )


def close(ticket: Ticket, on: dt.date) -> Ticket:
    """Mark the work order closed on ``on`` (test setup: the workflow is not under test)."""
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(15, 0)))
    Ticket.objects.filter(pk=ticket.pk).update(closed_at=at, status_category="closed")
    ticket.refresh_from_db()
    return ticket


@pytest.fixture
def ticket(cast: Cast, customer: Customer) -> Ticket:
    return open_ticket(cast, customer)


@pytest.fixture
def invitation(cast: Cast, ticket: Ticket, questionnaire: SurveyTemplate) -> SurveyInvitation:
    return invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms")
