"""Fixtures of the work order tests: customers, a ticket opener and an API caller by role."""

from __future__ import annotations

from typing import Any

import pytest

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import create_ticket
from kefu.tickets.tests.api_helpers import Api


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})


def open_ticket(
    cast: Cast, customer: Customer, type_code: str = "complaint", **extra: Any
) -> Ticket:
    return create_ticket(
        actor=cast.agent,
        type_code=type_code,
        customer=customer,
        channel="phone",
        title=extra.pop("title", "空调不制冷"),
        **extra,
    )


@pytest.fixture
def api_as(client: Any, cast: Cast) -> Any:
    """An API caller of /api/v1/tickets signed in as the given role, in the given language."""
    return lambda role, language="en": Api(client, cast.token(role), language)
