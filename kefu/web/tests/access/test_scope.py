"""Scope rows of the access matrix (数据范围): lists, searches and refusals never show rows
outside the user's scope, not even their numbers, names or counts.

Each list is read by a role that must see a world object (the positive control, so the check
can fail) and by roles that must not see it: the object's number and title or name are absent
from the page or the JSON. 维修外包 (``other_partner``) sees none of the world's work.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kefu.web.tests.access import probe
from kefu.web.tests.access.world import World

pytestmark = pytest.mark.django_db


def _page(world: World, role: str, url: str) -> tuple[int, str]:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(world.users[role])
    response = client.get(url)
    return response.status_code, response.content.decode("utf-8")


def _json(world: World, role: str, path: str, query: dict[str, Any] | None = None) -> str:
    response = probe.api_client(world.tokens[role]).get(path, query)
    assert response.status_code == 200, (role, path, response.content[:300])
    return json.dumps(response.json(), ensure_ascii=False)


def _marks(world: World) -> dict[str, tuple[str, ...]]:
    """What gives each world object away: its number, its title, its customer's name."""
    repair_order = world.repair_order.number if world.repair_order else world.repair.number
    return {
        "complaint": (world.complaint.number, world.complaint.title, world.order.number),
        "repair": (world.repair.number, world.repair.title, repair_order),
        "internal": (world.internal.number, world.internal.title),
        "customer": (world.customer.name,),
        "repair_customer": (world.repair_customer.name,),
        "internal_customer": (world.internal_customer.name,),
    }


# Who sees which world object: every other reader of a list must not find it there.
SEES = {
    "complaint": ("agent", "handler"),
    "repair": ("agent", "partner"),
    "internal": ("agent",),
    "customer": ("agent", "handler"),
    "repair_customer": ("agent", "partner"),
    "internal_customer": ("agent",),
}
LIST_READERS = ("agent", "handler", "partner", "other_partner")


def _check(
    world: World, text_of: Any, objects: tuple[str, ...], where: str, *, control: bool = True
) -> list[str]:
    """Out-of-scope objects are absent; with ``control``, in-scope ones are present (an
    unfiltered list), so the check can fail."""
    marks = _marks(world)
    problems = []
    for role in LIST_READERS:
        text = text_of(role)
        for key in objects:
            for mark in marks[key]:
                present = mark in text
                if control and role in SEES[key] and not present and mark == marks[key][0]:
                    problems.append(f"{where} as {role}: {key} ({mark}) missing (control)")
                if role not in SEES[key] and present:
                    problems.append(f"{where} as {role}: out-of-scope {key} shows {mark!r}")
    return problems


def test_work_order_lists_and_searches_show_only_the_scope(world: World) -> None:
    problems: list[str] = []
    tickets = ("complaint", "repair", "internal")
    for url in ("/work-orders/", "/work-orders/queue/all/", "/work-orders/queue/all/?q=维修"):
        control = url == "/work-orders/queue/all/"
        problems += _check(
            world, lambda role, u=url: _page(world, role, u)[1], tickets, url, control=control
        )
    problems += _check(
        world, lambda role: _json(world, role, "/api/v1/tickets"), tickets, "GET /api/v1/tickets"
    )
    for term in ("TS", "维修", "门锁", "积分"):
        problems += _check(
            world,
            lambda role, t=term: _json(world, role, "/api/v1/tickets", {"q": t}),
            tickets,
            f"GET /api/v1/tickets?q={term}",
            control=False,
        )
    assert not problems, "\n".join(problems)


def test_contact_order_lists_show_only_the_addressee(world: World) -> None:
    orders = ("complaint", "repair")
    problems = _check(
        world, lambda role: _page(world, role, "/contact-orders/")[1], orders, "/contact-orders/"
    )
    problems += _check(
        world,
        lambda role: _json(world, role, "/api/v1/contact-orders"),
        orders,
        "GET /api/v1/contact-orders",
    )
    assert not problems, "\n".join(problems)


def test_customer_lists_and_searches_show_only_linked_customers(world: World) -> None:
    people = ("customer", "repair_customer", "internal_customer")
    problems: list[str] = []
    for url in ("/customers/", "/customers/?q=王", "/customers/?q=138"):
        problems += _check(
            world,
            lambda role, u=url: _page(world, role, u)[1],
            people,
            url,
            control=url == "/customers/",
        )
    for query in (None, {"q": "王芳"}, {"q": "赵"}, {"q": "钱"}):
        problems += _check(
            world,
            lambda role, q=query: _json(world, role, "/api/v1/customers", q),
            people,
            f"GET /api/v1/customers {query}",
            control=query is None,
        )
    assert not problems, "\n".join(problems)


def test_internal_articles_never_reach_outside_users(world: World) -> None:
    problems = []
    for role in ("handler", "partner", "other_partner"):
        for url in ("/knowledge/", "/knowledge/?q=漏水", "/knowledge/suggest/?q=漏水"):
            status, text = _page(world, role, url)
            if status != 200 or world.article.title in text:
                problems.append(f"{url} as {role}: {status}, internal article shown")
        text = _json(world, role, "/api/v1/kb/articles")
        if world.article.title in text or world.public_article.title not in text:
            problems.append(f"GET /api/v1/kb/articles as {role}: wrong articles")
    status, text = _page(world, "agent", "/knowledge/")
    assert world.article.title in text, "control: the agent reads internal articles"
    assert not problems, "\n".join(problems)


def test_refusals_do_not_name_the_object(world: World) -> None:
    """A 404 for an out-of-scope object says nothing about it (no title, no customer)."""
    urls = (
        f"/work-orders/{world.complaint.number}/",
        f"/work-orders/{world.complaint.number}/records/",
        f"/contact-orders/{world.order.number}/",
        f"/customers/{world.customer.pk}/",
        f"/knowledge/work-orders/{world.complaint.number}/panel/",
    )
    problems = []
    for url in urls:
        status, text = _page(world, "other_partner", url)
        shown = [m for m in (world.complaint.title, world.customer.name) if m in text]
        if status != 404 or shown:
            problems.append(f"{url}: {status}, shows {shown}")
    for path in (
        f"/api/v1/tickets/{world.complaint.number}",
        f"/api/v1/customers/{world.customer.pk}",
        f"/api/v1/contact-orders/{world.order.number}",
    ):
        response = probe.api_client(world.tokens["other_partner"]).get(path)
        text = response.content.decode("utf-8")
        if response.status_code != 404 or world.complaint.title in text or "王芳" in text:
            problems.append(f"{path}: {response.status_code} {text[:120]}")
    assert not problems, "\n".join(problems)


def test_staff_only_lists_are_closed_to_partners(world: World) -> None:
    """Calls, callbacks, survey responses, KPI records and service errors: partners get 403,
    so none of their rows (the call's caller, the callback's customer) can appear."""
    urls = (
        "/calls/",
        "/callbacks/",
        "/surveys/",
        "/kpis/records/?kpi=volume&part=numerator",
        "/quality/errors/",
        "/customers/export/",
        "/work-orders/new/customers/?q=钱",
    )
    problems = []
    for role in ("partner", "other_partner"):
        for url in urls:
            status, text = _page(world, role, url)
            if status != 403 or world.internal_customer.name in text:
                problems.append(f"{url} as {role}: {status}")
    # Controls: the agent's own lists show the world's rows.
    assert world.internal_customer.name in _page(world, "agent", "/callbacks/")[1]
    assert (
        world.internal.number
        in _page(world, "manager", "/kpis/records/?kpi=volume&part=numerator")[1]
    )
    assert not problems, "\n".join(problems)


def test_counts_and_inbox_of_another_partner_hold_nothing_of_the_world(world: World) -> None:
    """Lists page by keyset (no totals); the one count on every page is the unread badge,
    and 维修外包 was notified of nothing in the world."""
    status, home = _page(world, "other_partner", "/")
    assert status == 200
    assert 'data-testid="unread-count"' not in home
    status, inbox = _page(world, "other_partner", "/notifications/")
    marks = [m for ms in _marks(world).values() for m in ms]
    assert status == 200
    assert [m for m in marks if m in inbox] == []
