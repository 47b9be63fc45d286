"""Costs of the queue page and the customer page (队列页与客户页的开销): rows built in Python
show what the template showed, escaped; fixed query budgets; the timeline reads no more work
orders than it shows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import due, numbers_on

pytestmark = pytest.mark.django_db
people = console_fixtures.people

# Statements of one request with a warm session (session, user, permissions, page); the
# queue page reads work with a deadline, then, when the page is not full, work without one.
QUEUE_PAGE_BUDGET = 15
CUSTOMER_PAGE_BUDGET = 18


def row_of(body: str, number: str) -> str:
    match = re.search(rf'<tr class="ticket-row[^"]*"[^>]*data-number="{number}">.*?</tr>', body)
    assert match, body
    return match.group(0)


def statements(client, url: str, **params: str) -> tuple[str, list[str]]:
    client.get(url, params)  # warm: session and caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_a_queue_row_shows_every_value_of_the_work_order(client, cast, people):
    ticket = open_ticket(cast, people["wang"], title="空调不制冷")
    ticket = due(ticket, dt.timedelta(hours=-3))
    client.force_login(cast.supervisor)
    body = client.get("/work-orders/queue/all/").content.decode()
    row = row_of(body, ticket.number)
    url = reverse("tickets:detail", args=[ticket.number])
    local = timezone.localtime(ticket.next_due_at)
    assert f'data-href="{url}"' in row
    assert f'<a href="{url}">{ticket.number}</a>' in row
    assert "<td>投诉</td><td>空调不制冷</td>" in row
    assert '王芳 <span class="masked">138****8000</span>' in row
    assert f'<span class="badge priority-{ticket.priority}">中</span>' in row
    assert 'class="ticket-row overdue"' in row
    assert f'<time datetime="{local.isoformat()}" title="{local:%Y-%m-%d %H:%M}"' in row
    assert 'class="overdue-text" data-testid="overdue">已逾期 3 小时</time>' in row
    # The supervisor may assign: a tick box labelled with the number.
    assert f'value="{ticket.number}" aria-label="选择 {ticket.number}"' in row


def test_a_queue_row_without_deadline_or_assignee_shows_dashes(client, cast, people):
    ticket = due(open_ticket(cast, people["li"], "consultation"), None)
    Ticket.objects.filter(pk=ticket.pk).update(assignee=None, team=None)
    client.force_login(cast.supervisor)
    row = row_of(client.get("/work-orders/queue/unassigned/").content.decode(), ticket.number)
    assert '<td>—</td><td><span class="muted">—</span></td></tr>' in row
    assert "overdue" not in row


def test_queue_rows_escape_titles_and_names(client, cast):
    customer = create_customer(
        actor=cast.agent, data={"name": "<b>王</b>&芳", "phone": "13800138000"}
    )
    ticket = open_ticket(cast, customer, title='<script>alert("x")</script>')
    client.force_login(cast.supervisor)
    row = row_of(client.get("/work-orders/queue/all/").content.decode(), ticket.number)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in row
    assert "&lt;b&gt;王&lt;/b&gt;&amp;芳" in row
    assert "<script>" not in row
    assert "<b>" not in row


def test_an_agent_without_assignment_rights_gets_no_tick_boxes(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    client.force_login(cast.agent)
    body = client.get("/work-orders/queue/all/").content.decode()
    if cast.agent.has_perm("tickets.classify_ticket"):
        assert 'type="checkbox" name="number"' in row_of(body, ticket.number)
    else:
        assert 'type="checkbox" name="number"' not in row_of(body, ticket.number)


def test_the_team_queue_page_keeps_its_query_budget_with_more_rows(client, cast, people):
    client.force_login(cast.supervisor)
    counts = []
    for extra in (2, 8):
        for _ in range(extra):
            made = open_ticket(cast, people["wang"])
            Ticket.objects.filter(pk=made.pk).update(team=cast.call_center)
        body, sql = statements(client, "/work-orders/queue/team/")
        assert len(sql) <= QUEUE_PAGE_BUDGET, "\n".join(sql)
        counts.append((len(numbers_on(body)), len(sql)))
    assert [rows for rows, _ in counts] == [2, 10]
    assert counts[0][1] == counts[1][1]


def test_the_customer_page_keeps_its_query_budget_and_reads_the_stored_items_once(
    client, cast, people
):
    customer = people["wang"]
    client.force_login(cast.agent)
    counts = []
    for extra in (2, 6):
        for _ in range(extra):
            open_ticket(cast, customer)
        _body, sql = statements(client, f"/customers/{customer.pk}/")
        assert len(sql) <= CUSTOMER_PAGE_BUDGET, "\n".join(sql)
        assert len([s for s in sql if 'FROM "customers_storeditem"' in s]) == 1
        counts.append(len(sql))
    assert counts[0] == counts[1]


def test_the_customer_page_reads_no_more_work_orders_than_its_timeline_shows(client, cast, people):
    customer = people["wang"]
    made = [open_ticket(cast, customer, title=f"第{i}单") for i in range(55)]
    client.force_login(cast.agent)
    body, sql = statements(client, f"/customers/{customer.pk}/")
    reads = [s for s in sql if s.startswith('SELECT "tickets_ticket"."id"')]
    assert reads, sql
    assert all(s.rstrip().endswith("LIMIT 50") for s in reads), reads
    timeline = body.split('data-testid="timeline"')[1]
    assert made[-1].number in timeline  # newest first
    assert made[0].number not in timeline  # the 56th entry is past the 50 shown
    assert timeline.count("<li>") == 50


def test_the_timeline_api_still_reads_up_to_its_own_limit(client, cast, people):
    customer = people["wang"]
    for i in range(55):
        open_ticket(cast, customer, title=f"第{i}单")
    token = cast.token("agent")
    auth = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/customers/{customer.pk}/timeline"
    entries = client.get(url, {"limit": 100}, headers=auth).json()
    assert len([e for e in entries if e["kind"] == "ticket"]) == 55
    assert len(client.get(url, headers=auth).json()) == 50


def test_the_timeline_shows_entries_escaped(client, cast):
    customer = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
    ticket = open_ticket(cast, customer, title="<i>门锁</i>坏了")
    client.force_login(cast.agent)
    timeline = client.get(f"/customers/{customer.pk}/").content.decode()
    timeline = timeline.split('data-testid="timeline"')[1]
    local = timezone.localtime(ticket.created_at)
    assert f'<time datetime="{local.isoformat()}">{local:%Y-%m-%d %H:%M}</time>' in timeline
    assert f'<a href="/work-orders/{ticket.number}/">投诉 {ticket.number} · 已受理</a>' in timeline
    assert '<div class="muted">&lt;i&gt;门锁&lt;/i&gt;坏了</div>' in timeline
    assert "<strong>创建客户档案</strong>" in timeline  # an entry without a link
