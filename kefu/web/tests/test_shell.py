import pytest

from kefu.conftest import ROLES


def test_pages_carry_security_headers(client, db):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_contain_no_inline_script(client, cast):
    client.force_login(cast.admin)
    for url in ("/", "/login/", "/audit/"):
        body = client.get(url).content.decode()
        for chunk in body.split("<script")[1:]:
            assert "src=" in chunk.split(">")[0], url


def test_the_console_is_chinese_by_default_and_switches_to_english(client, cast):
    client.force_login(cast.agent)
    assert "客户" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Customers" in body
    assert "客户" not in body.split("<main")[0].split("<nav")[1]


@pytest.mark.parametrize("role", ROLES)
def test_navigation_shows_only_what_the_role_may_open(client, cast, role):
    user = cast.by_role(role)
    client.force_login(user)
    nav = client.get("/").context["nav_items"]
    keys = {item["key"] for item in nav}
    assert ("audit" in keys) == user.has_perm("audit.view_auditentry")
    assert ("customers" in keys) == user.has_perm("customers.view_customer")
    for item in nav:
        if not item["coming"]:
            assert client.get(item["url"]).status_code == 200, item["url"]


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_static_vendor_assets_come_from_npm_packages():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/htmx/htmx.min.js")
    assert finders.find("vendor/alpinejs/cdn.min.js")
