"""Navigation computed once per request (导航每请求只算一次): the same links as before, built in
Python, differing by role, escaped, and the permission checks run once however often the
context processor is asked."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from kefu.web import context as nav_context

pytestmark = pytest.mark.django_db


def sidebar(body: str) -> str:
    match = re.search(r'<nav class="sidebar"[^>]*>(.*?)</nav>', body, re.S)
    assert match, body
    return match.group(1)


def links(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<a href="([^"]*)" class="([^"]*)">([^<]*)</a>', html)


def test_the_sidebar_shows_the_sections_links_and_the_active_page(client, cast):
    client.force_login(cast.supervisor)
    response = client.get("/customers/")
    nav = sidebar(response.content.decode())
    sections = response.context["nav_sections"]
    expected = [
        (item["url"], "active" if item["active"] else "", str(item["label"]))
        for section in sections
        for item in section["items"]
    ]
    assert links(nav) == expected
    assert ("/customers/", "active", "客户") in links(nav)
    assert re.findall(r'<div class="nav-group">([^<]*)</div>', nav) == [
        str(section["label"]) for section in sections[1:]
    ]


def test_the_sidebar_differs_by_role(client, cast):
    client.force_login(cast.admin)
    admin_nav = sidebar(client.get("/").content.decode())
    client.force_login(cast.partner)
    partner_nav = sidebar(client.get("/").content.decode())
    assert "/audit/" in admin_nav
    assert "/audit/" not in partner_nav
    assert len(links(partner_nav)) < len(links(admin_nav))


def test_the_sidebar_follows_the_language(client, cast):
    client.force_login(cast.agent)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    nav = sidebar(client.get("/").content.decode())
    assert ("/customers/", "", "Customers") in links(nav)


def test_navigation_is_computed_once_per_request_and_language(cast, monkeypatch):
    request = RequestFactory().get("/customers/")
    request.user = cast.agent
    checks: list[str] = []
    real = type(cast.agent).has_perm

    def counting(user, perm, obj=None):
        checks.append(perm)
        return real(user, perm, obj)

    monkeypatch.setattr(type(cast.agent), "has_perm", counting)
    first = nav_context.navigation(request)
    asked = len(checks)
    assert asked > 0
    assert nav_context.navigation(request) is first
    assert len(checks) == asked  # the second template of the request checked nothing
    with translation.override("en"):
        english = nav_context.navigation(request)
    assert english is not first
    assert "Customers" in english["nav_html"]
    assert "客户" in first["nav_html"]
    # A login within the request (another user) computes afresh.
    request.user = cast.admin
    assert "/audit/" in nav_context.navigation(request)["nav_html"]
    assert "/audit/" not in first["nav_html"]
    # Another request computes its own (another user may see other links).
    other = RequestFactory().get("/customers/")
    other.user = cast.admin
    assert nav_context.navigation(other)["nav_items"] != first["nav_items"]


def test_navigation_labels_and_urls_are_escaped():
    html = nav_context._nav_html(
        [
            {"label": "x", "items": [{"url": "/a?b=1&c=2", "label": "<b>", "active": True,
                                      "coming": True}]},
            {"label": "<i>g</i>", "items": []},
        ]
    )  # fmt: skip
    assert '<a href="/a?b=1&amp;c=2" class="active coming">&lt;b&gt;</a>' in html
    assert '<div class="nav-group">&lt;i&gt;g&lt;/i&gt;</div>' in html


def test_an_anonymous_visitor_gets_no_navigation(client, db):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert nav_context.navigation(request) == {"nav_items": []}
