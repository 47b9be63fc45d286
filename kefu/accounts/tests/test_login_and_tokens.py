from datetime import timedelta

import pytest
from django.test import override_settings

from kefu.accounts.services import create_api_token, revoke_api_token, user_for_token
from kefu.audit.models import AuditEntry
from kefu.conftest import PASSWORD
from kefu.core.clock import now


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_login_with_the_right_password_opens_the_console(client, cast):
    response = _login(client, "agent", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == cast.agent
    assert AuditEntry.objects.filter(action="login", actor=cast.agent).count() == 1


def test_wrong_password_is_refused_in_chinese(client, cast):
    response = _login(client, "agent", "wrong")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


@override_settings(KEFU_LOGIN_MAX_FAILURES=3, KEFU_LOGIN_LOCKOUT_MINUTES=15)
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, cast):
    for _ in range(3):
        _login(client, "agent", "wrong")
    cast.agent.refresh_from_db()
    assert cast.agent.locked_until is not None
    response = _login(client, "agent", PASSWORD)
    assert response.status_code == 200
    assert "锁定" in response.content.decode()
    assert (
        AuditEntry.objects.filter(action="login_failed", object_id=str(cast.agent.pk)).count() == 3
    )


@override_settings(KEFU_LOGIN_MAX_FAILURES=3)
def test_lock_expires_after_the_window(client, cast):
    for _ in range(3):
        _login(client, "agent", "wrong")
    type(cast.agent).objects.filter(pk=cast.agent.pk).update(
        locked_until=now() - timedelta(seconds=1)
    )
    assert _login(client, "agent", PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2(db, settings):
    import kefu.settings as configured
    from kefu.accounts.services import create_user

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # the suite uses MD5 for speed
    user = create_user(actor=None, username="hashed", password="Kefu-2026-pass", roles=["agent"])
    assert user.password.startswith("argon2")
    assert user.check_password("Kefu-2026-pass")


def test_a_token_is_stored_hashed_and_authenticates(cast):
    issued = create_api_token(actor=cast.admin, user=cast.agent, name="erp")
    assert issued.secret not in issued.token.key_hash
    assert user_for_token(issued.secret) == cast.agent
    assert user_for_token(issued.secret + "x") is None


def test_revoked_and_expired_tokens_stop_working(cast):
    revoked = create_api_token(actor=cast.admin, user=cast.agent, name="a")
    revoke_api_token(actor=cast.admin, token_id=revoked.token.pk)
    assert user_for_token(revoked.secret) is None
    expired = create_api_token(
        actor=cast.admin, user=cast.agent, name="b", expires_at=now() - timedelta(minutes=1)
    )
    assert user_for_token(expired.secret) is None


def test_a_token_of_a_deactivated_user_stops_working(cast):
    issued = create_api_token(actor=None, user=cast.agent, name="a")
    cast.agent.is_active = False
    cast.agent.save()
    assert user_for_token(issued.secret) is None


@pytest.mark.parametrize(
    ("role", "perm", "expected"),
    [
        ("agent", "customers.reveal_personal_data", False),
        ("manager", "customers.reveal_personal_data", True),
        ("admin", "customers.reveal_personal_data", True),
        ("auditor", "audit.view_auditentry", True),
        ("manager", "audit.view_auditentry", True),
        ("supervisor", "audit.view_auditentry", False),
        ("partner", "customers.view_all_customers", False),
        ("agent", "customers.export_customer", True),
        ("qa", "customers.export_customer", False),
        ("manager", "customers.export_customer", True),
    ],
)
def test_roles_hold_the_capabilities_of_the_role_table(cast, role, perm, expected):
    assert cast.by_role(role).has_perm(perm) is expected
