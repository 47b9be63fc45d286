"""Queues of the work order console (工单队列): the right rows per role and queue, sorted by
the next deadline, filtered, paged by keyset, without a query per row."""

from __future__ import annotations

import datetime as dt

import pytest

from kefu.tickets.models import Ticket
from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import due, numbers_on

pytestmark = pytest.mark.django_db
people = console_fixtures.people
world = console_fixtures.world


def queue(client, user, path="/work-orders/", **params):
    client.force_login(user)
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def numbers(world, *keys):
    return [world[key].number for key in keys]


def test_agent_my_work_lists_active_work_assigned_to_them_by_deadline(client, cast, world):
    body = queue(client, cast.agent)
    # late (overdue) first, then due in 2 hours, then the one without a deadline; not the
    # colleague's, not the unassigned ones, not the closed one.
    assert numbers_on(body) == numbers(world, "mine_late", "mine_soon", "mine_open")


def test_my_overdue_lists_only_my_work_past_its_deadline(client, cast, world):
    body = queue(client, cast.agent, "/work-orders/queue/overdue/")
    assert numbers_on(body) == numbers(world, "mine_late")
    assert 'data-testid="overdue"' in body
    assert "已逾期 3 小时" in body


def test_due_time_is_shown_relative_and_overdue_rows_are_marked(client, cast, world):
    body = queue(client, cast.agent)
    assert "2 小时后到期" in body
    late_row = body.split(f'data-number="{world["mine_late"].number}"')[0].rsplit("<tr", 1)[1]
    soon_row = body.split(f'data-number="{world["mine_soon"].number}"')[0].rsplit("<tr", 1)[1]
    assert "overdue" in late_row
    assert "overdue" not in soon_row


def test_team_queue_lists_the_active_work_of_my_team(client, cast, world):
    body = queue(client, cast.agent, "/work-orders/queue/team/")
    assert numbers_on(body) == numbers(world, "mine_late", "colleague", "mine_soon", "mine_open")


def test_team_queue_of_a_user_without_a_team_is_empty(client, cast, world):
    cast.manager.staff.team = None
    cast.manager.staff.save()
    assert numbers_on(queue(client, cast.manager, "/work-orders/queue/team/")) == []


def test_unassigned_queue_lists_active_work_without_an_assignee(client, cast, world):
    body = queue(client, cast.supervisor, "/work-orders/queue/unassigned/")
    assert set(numbers_on(body)) == set(numbers(world, "forwarded", "repair"))


def test_waiting_on_partner_queue_lists_work_with_a_department_or_partner(client, cast, world):
    body = queue(client, cast.supervisor, "/work-orders/queue/waiting/")
    # the forwarded complaint has a deadline, the dispatched repair none: it comes last.
    assert numbers_on(body) == numbers(world, "forwarded", "repair")


def test_handler_sees_only_the_work_forwarded_to_their_department(client, cast, world):
    body = queue(client, cast.handler)
    assert numbers_on(body) == numbers(world, "forwarded")
    everything = queue(client, cast.handler, "/work-orders/queue/all/")
    assert numbers_on(everything) == numbers(world, "forwarded")
    assert "王芳" in body
    assert "13800138000" not in body


def test_partner_sees_only_the_repairs_dispatched_to_their_company(client, cast, world):
    assert numbers_on(queue(client, cast.partner)) == numbers(world, "repair")
    assert numbers_on(queue(client, cast.partner, "/work-orders/queue/all/")) == numbers(
        world, "repair"
    )
    assert numbers_on(queue(client, cast.other_partner, "/work-orders/queue/all/")) == []


def test_handler_is_not_offered_the_service_queues(client, cast, world):
    client.force_login(cast.handler)
    assert client.get("/work-orders/queue/unassigned/").status_code == 404
    assert client.get("/work-orders/queue/nonsense/").status_code == 404


def test_a_user_without_work_order_access_is_refused(client, cast, world):
    from kefu.accounts.services import create_user

    nobody = create_user(actor=None, username="nobody", password="x-pass-12345", roles=[])
    client.force_login(nobody)
    assert client.get("/work-orders/").status_code == 403


def test_filters_narrow_the_queue_by_type_status_priority_and_text(client, cast, world):
    url = "/work-orders/queue/all/"
    assert numbers_on(queue(client, cast.agent, url, type="repair")) == numbers(world, "repair")
    assert numbers_on(queue(client, cast.agent, url, q="漏水")) == numbers(world, "forwarded")
    number = world["colleague"].number
    assert numbers_on(queue(client, cast.agent, url, q=number)) == [number]
    waiting = queue(client, cast.agent, url, status="waiting_on_partner")
    assert set(numbers_on(waiting)) == set(numbers(world, "forwarded", "repair"))
    assert numbers_on(queue(client, cast.agent, url, state="archived")) == numbers(world, "closed")
    assert numbers_on(queue(client, cast.agent, url, category="服务态度")) == numbers(
        world, "forwarded"
    )
    assert numbers_on(queue(client, cast.agent, url, priority="urgent")) == []
    assert set(numbers_on(queue(client, cast.agent, url, channel="phone"))) == set(
        numbers(world, *world)
    )


def test_keyset_pages_walk_every_row_once_in_deadline_order(client, cast, people, monkeypatch):
    from kefu.tickets.views import listing

    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    hours = [5, None, -1, 3, None, 1, 2]
    made = [
        due(
            open_ticket(cast, people["wang"], title=f"工单{i}"),
            None if h is None else dt.timedelta(hours=h),
        )
        for i, h in enumerate(hours)
    ]
    expected = [
        t.number
        for t in sorted(made, key=lambda t: (t.next_due_at is None, t.next_due_at or 0, t.pk))
    ]
    client.force_login(cast.agent)
    seen: list[str] = []
    url = "/work-orders/queue/unassigned/"
    while url:
        body = client.get(url).content.decode()
        seen += numbers_on(body)
        nxt = (
            body.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
            if 'rel="next"' in body
            else None
        )
        url = f"/work-orders/queue/unassigned/{nxt.replace('&amp;', '&')}" if nxt else ""
    assert seen == expected


def test_a_forged_cursor_falls_back_to_the_first_page(client, cast, world):
    body = queue(client, cast.agent, cursor="not-a-cursor")
    assert numbers_on(body) == numbers(world, "mine_late", "mine_soon", "mine_open")


def test_queue_page_does_not_query_per_row(client, cast, people, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.agent)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/work-orders/queue/all/").status_code == 200
        return len(ctx.captured_queries)

    open_ticket(cast, people["wang"])
    few = count()
    for i in range(12):
        open_ticket(cast, people["li" if i % 2 else "wang"], "repair" if i % 3 else "complaint")
    assert count() == few
    with django_assert_max_num_queries(30):
        client.get("/work-orders/queue/all/")
    assert Ticket.objects.count() == 13


def test_console_pages_wire_the_shortcuts_from_a_static_file_only(client, cast, world):
    client.force_login(cast.agent)
    for url in ("/work-orders/", "/work-orders/new/", f"/work-orders/{world['mine_soon'].number}/"):
        body = client.get(url).content.decode()
        assert "/static/web/tickets" in body
        assert 'data-testid="shortcut-help"' in body
        for chunk in body.split("<script")[1:]:
            assert "src=" in chunk.split(">")[0], url
    queue_page = client.get("/work-orders/").content.decode()
    assert "data-ticket-row" in queue_page
    assert 'data-shortcut="new"' in queue_page
    assert "data-search" in queue_page
