"""Security basics of the console (控制台安全基线, issue 6 item 4): CSRF on every POST URL, session
expiry, login lockout, expired API tokens, security headers."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kefu.accounts.services import create_api_token
from kefu.core.clock import now

pytestmark = pytest.mark.django_db

# Sample values for every kind of path parameter: the CSRF check runs before the view, so the
# object need not exist.
SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x"}


def console_paths() -> list[str]:
    """Every console URL pattern (the API authenticates by bearer token, not by cookie)."""
    paths: list[str] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, route)
            elif isinstance(entry, URLPattern):
                paths.append(route)

    walk(get_resolver(), "")
    filled = [
        re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)
        for route in paths
        if not route.startswith("api/")
    ]
    return sorted({"/" + path.lstrip("^").rstrip("$") for path in filled})


CONSOLE_PATHS = console_paths()


def test_the_console_has_many_post_urls_to_check():
    assert len(CONSOLE_PATHS) > 100
    assert "/customers/new/" in CONSOLE_PATHS
    assert "/surveys/s/x/" in CONSOLE_PATHS


@pytest.mark.parametrize("path", CONSOLE_PATHS)
def test_a_post_without_csrf_token_is_refused_with_403(cast, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.admin)
    response = client.post(path, {"name": "x"})
    assert response.status_code == 403, f"{path} answered {response.status_code}"


def test_a_post_with_the_csrf_token_passes_the_check(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.admin)
    page = client.get("/customers/new/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None
    response = client.post("/customers/new/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 200  # the form's own errors, not the CSRF refusal


def test_the_session_age_is_configurable_and_an_expired_session_goes_to_login(
    client, cast, settings
):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600  # KEFU_SESSION_AGE, default 8 hours
    client.force_login(cast.agent)
    assert client.get("/customers/").status_code == 200
    Session.objects.update(expire_date=now() - timedelta(seconds=1))
    response = client.get("/customers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/customers/")


def test_session_age_comes_from_the_environment(monkeypatch):
    import importlib

    import kefu.settings as kefu_settings

    monkeypatch.setenv("KEFU_SESSION_AGE", "600")
    try:
        assert importlib.reload(kefu_settings).SESSION_COOKIE_AGE == 600
    finally:
        monkeypatch.delenv("KEFU_SESSION_AGE")
        importlib.reload(kefu_settings)


def test_login_lockout_is_covered_by_the_accounts_tests():
    from pathlib import Path

    source = (Path(__file__).parents[3] / "accounts/tests/test_login_and_tokens.py").read_text()
    assert "def test_repeated_failures_lock_the_account_even_for_the_right_password" in source


def test_an_expired_api_token_gets_a_json_401(client, cast):
    issued = create_api_token(
        actor=None, user=cast.agent, name="old", expires_at=now() - timedelta(minutes=1)
    )
    live = create_api_token(
        actor=None, user=cast.agent, name="new", expires_at=now() + timedelta(minutes=5)
    )
    assert issued.secret not in issued.token.key_hash  # stored hashed
    expired = client.get("/api/v1/customers", headers={"Authorization": f"Bearer {issued.secret}"})
    assert expired.status_code == 401
    assert expired.json()["error"]["code"] == "unauthorized"
    fresh = client.get("/api/v1/customers", headers={"Authorization": f"Bearer {live.secret}"})
    assert fresh.status_code == 200


HEADERS_PAGES = [
    ("/login/", None),
    ("/customers/", "agent"),
    ("/work-orders/", "agent"),
    ("/knowledge/", "agent"),
    ("/reports/", "manager"),
    ("/surveys/s/not-a-token/", None),  # the public survey page
    ("/m/u/not-a-token/", None),  # the unsubscribe page
]


@pytest.mark.parametrize(("path", "role"), HEADERS_PAGES)
def test_security_headers_are_set(client, cast, path, role):
    if role:
        client.force_login(cast.by_role(role))
    response = client.get(path)
    assert response.status_code < 500
    csp = response["Content-Security-Policy"]
    script = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script
    assert "'unsafe-eval'" not in script
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    # Pages with a secret token in their address send no referrer at all.
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert response["X-Content-Type-Options"] == "nosniff"
