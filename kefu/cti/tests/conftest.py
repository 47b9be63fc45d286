"""Fixtures of the phone tests: the CTI system account, extensions, a caller's customer."""

from __future__ import annotations

from typing import Any

import pytest

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token, create_user
from kefu.conftest import PASSWORD, Cast
from kefu.cti.models import AgentExtension
from kefu.cti.services import allow_call_reports
from kefu.customers.models import Customer
from kefu.customers.services import create_customer

URL = "/api/v1/cti/calls"


@pytest.fixture
def pbx(cast: Cast) -> User:
    """The CTI system account: no role, only the right to report calls."""
    user = create_user(actor=None, username="pbx", password=PASSWORD)
    allow_call_reports(actor=None, user=user)
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def other_agent(cast: Cast) -> User:
    return create_user(
        actor=None, username="agent2", password=PASSWORD, display_name="李娜", roles=["agent"]
    )


@pytest.fixture
def extensions(cast: Cast, other_agent: User) -> None:
    AgentExtension.objects.create(user=cast.agent, extension="8001")
    AgentExtension.objects.create(user=other_agent, extension="8002")


@pytest.fixture
def caller(cast: Cast) -> Customer:
    """张伟, whose phone is stored normalised as 13812345678."""
    return create_customer(
        actor=cast.agent,
        data={"name": "张伟", "phone": "13812345678", "vip_level": 3},
    )


class Webhook:
    """The PBX posting events to /api/v1/cti/calls with its bearer token."""

    def __init__(self, client: Any, token: str) -> None:
        self.client = client
        self.token = token

    def post(self, language: str = "en", **body: Any) -> Any:
        return self.client.post(
            URL,
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token}", "Accept-Language": language},
        )


@pytest.fixture
def webhook(client: Any, pbx: User, extensions: None) -> Webhook:
    return Webhook(client, create_api_token(actor=None, user=pbx, name="pbx").secret)
