"""Capabilities of a token's user (令牌用户权限): read once, the same as Django's backend."""

from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kefu.accounts.models import User
from kefu.api.auth import load_capabilities

pytestmark = pytest.mark.django_db


def _fresh(user):
    return User.objects.get(pk=user.pk)  # no permission cache yet


def test_a_token_users_capabilities_are_read_in_one_statement_and_match_the_backend(cast):
    agent = cast.agent
    direct = Permission.objects.get(codename="view_auditentry")
    agent.user_permissions.add(direct)  # a direct grant on top of the role's (group) grants
    expected = ModelBackend().get_all_permissions(_fresh(agent))
    assert "audit.view_auditentry" in expected
    assert "tickets.add_ticket" in expected
    user = _fresh(agent)
    with CaptureQueriesContext(connection) as captured:
        load_capabilities(user)
        assert user.has_perm("tickets.add_ticket")
        assert user.has_perm("audit.view_auditentry")
        assert not user.has_perm("tickets.delete_ticket")
        assert user.get_all_permissions() == expected
    assert len(captured.captured_queries) == 1


def test_a_user_without_grants_has_none(cast):
    partner = _fresh(cast.partner)
    partner.groups.clear()
    partner = _fresh(partner)
    load_capabilities(partner)
    assert partner.get_all_permissions() == set()
    assert not partner.has_perm("tickets.view_ticket")


def test_api_answers_follow_a_revoked_role_at_once(client, cast):
    token = cast.token("agent")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/tickets", headers=headers).status_code == 200
    cast.agent.groups.clear()  # nothing is cached between requests
    assert client.get("/api/v1/tickets", headers=headers).status_code == 403
