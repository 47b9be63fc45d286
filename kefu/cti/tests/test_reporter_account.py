"""Who may report calls (来电上报账号): only the dedicated CTI system account, never an
administrator through its superuser status, never a role."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token
from kefu.audit.models import AuditEntry
from kefu.conftest import Cast
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.cti.models import Call
from kefu.cti.services import allow_call_reports, may_report_calls, record_call_event
from kefu.cti.tests.conftest import URL

EVENT = {"call_id": "c-admin", "event": "ringing", "caller": "13812345678"}


def post(client: Any, token: str) -> Any:
    return client.post(
        URL,
        EVENT,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "zh-hans"},
    )


def test_the_admin_is_a_superuser_yet_cannot_post_call_events(client: Any, cast: Cast) -> None:
    assert cast.admin.is_superuser
    assert cast.admin.has_perm("cti.add_call")  # what Django says of a superuser…
    assert not may_report_calls(cast.admin)  # …is not what the webhook asks
    token = cast.token("admin")
    audit_before = AuditEntry.objects.count()
    response = post(client, token)
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Call.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_the_service_refuses_an_admin_too(cast: Cast) -> None:
    with pytest.raises(NotPermitted):
        record_call_event(
            actor=cast.admin, call_id="c-admin", event="ringing", caller="13812345678"
        )
    assert not Call.objects.exists()


def test_the_cti_account_posts_call_events(client: Any, pbx: User) -> None:
    assert may_report_calls(pbx)
    response = post(client, create_api_token(actor=None, user=pbx, name="pbx").secret)
    assert response.status_code == 200, response.content
    assert Call.objects.get().call_id == "c-admin"


def test_a_role_holding_add_call_does_not_make_a_call_reporter(cast: Cast) -> None:
    group = Group.objects.create(name="odd-role")
    add_call = Permission.objects.get(content_type__app_label="cti", codename="add_call")
    group.permissions.add(add_call)
    cast.agent.groups.add(group)
    agent = User.objects.get(pk=cast.agent.pk)
    assert agent.has_perm("cti.add_call")
    assert not may_report_calls(agent)


def test_a_deactivated_cti_account_may_not_report_calls(pbx: User) -> None:
    pbx.is_active = False
    pbx.save(update_fields=["is_active"])
    assert not may_report_calls(pbx)


def test_an_administrator_cannot_be_made_the_cti_account(cast: Cast) -> None:
    with pytest.raises(ValidationFailed) as refused:
        allow_call_reports(actor=None, user=cast.admin)
    assert "user" in refused.value.fields
    assert not cast.admin.user_permissions.exists()
    with pytest.raises(CommandError):
        call_command("cti_account", cast.admin.username, stdout=StringIO())
    assert not may_report_calls(User.objects.get(pk=cast.admin.pk))


def test_the_cti_account_command_makes_a_reporter(cast: Cast) -> None:
    out = StringIO()
    call_command("cti_account", "pbx-main", stdout=out)
    account = User.objects.get(username="pbx-main")
    assert may_report_calls(account)
    assert not account.has_usable_password()
    assert not account.is_superuser
