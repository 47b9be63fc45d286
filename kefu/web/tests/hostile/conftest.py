"""Fixtures of the hostile-input tests."""

from __future__ import annotations

import pytest

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
