"""Query budgets at scale (规模下的查询预算): the hot pages read a fixed number of queries
whatever the number of work orders, and none counts the work order table."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from kefu.tickets.models import Ticket
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import numbers_on

pytestmark = pytest.mark.django_db
COUNTS_TICKETS = re.compile(r"COUNT\(.*FROM \"tickets_ticket\"", re.IGNORECASE | re.DOTALL)


def grow(cast, customer, count):
    """``count`` more open work orders of the agent's team with deadlines, holding 漏水."""
    made = [open_ticket(cast, customer, title=f"厨房漏水{i}") for i in range(count)]
    Ticket.objects.filter(pk__in=[t.pk for t in made]).update(
        team=cast.call_center,
        assignee=cast.agent,
        next_due_at=timezone.now() + dt.timedelta(hours=2),
    )
    return made


def measured(client, url, budget, assert_max, **params):
    """The SQL of one request (after a warming one), within ``budget`` queries."""
    client.get(url, params)
    with assert_max(budget) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    statements = [query["sql"] for query in captured.captured_queries]
    assert not [s for s in statements if COUNTS_TICKETS.search(s)], statements
    return response, statements


def constant(client, cast, customer, url, budget, assert_max, **params):
    """Same number of queries with 3 and with 9 work orders in sight."""
    grow(cast, customer, 3)
    _response, few = measured(client, url, budget, assert_max, **params)
    grow(cast, customer, 6)
    response, more = measured(client, url, budget, assert_max, **params)
    assert len(few) == len(more), (few, more)
    return response


def test_team_queue_page_reads_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries
):
    client.force_login(cast.agent)
    response = constant(
        client, cast, customer, "/work-orders/queue/team/", 20, django_assert_max_num_queries
    )
    assert len(numbers_on(response.content.decode())) == 9


def test_queue_search_page_reads_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries
):
    client.force_login(cast.agent)
    response = constant(
        client,
        cast,
        customer,
        "/work-orders/queue/all/",
        22,
        django_assert_max_num_queries,
        q="漏水",
    )
    assert len(numbers_on(response.content.decode())) == 9


def test_api_queue_and_search_read_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries
):
    headers = {"Authorization": f"Bearer {cast.token('agent')}"}

    def api(**params):
        client.get("/api/v1/tickets", params, headers=headers)
        with django_assert_max_num_queries(14) as captured:
            response = client.get("/api/v1/tickets", params, headers=headers)
        assert response.status_code == 200
        statements = [q["sql"] for q in captured.captured_queries]
        assert not [s for s in statements if COUNTS_TICKETS.search(s)]
        return len(statements), len(response.json()["items"])

    grow(cast, customer, 3)
    before = api(queue="team"), api(q="漏水")
    grow(cast, customer, 6)
    after = api(queue="team"), api(q="漏水")
    assert [queries for queries, _rows in before] == [queries for queries, _rows in after]
    assert [rows for _queries, rows in after] == [9, 9]


def test_work_order_detail_reads_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries
):
    ticket = open_ticket(cast, customer, title="热水器漏水")
    client.force_login(cast.agent)
    response = constant(
        client, cast, customer, f"/work-orders/{ticket.number}/", 45, django_assert_max_num_queries
    )
    assert ticket.number in response.content.decode()


def test_customer_detail_with_its_timeline_reads_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries
):
    client.force_login(cast.agent)
    response = constant(
        client, cast, customer, f"/customers/{customer.pk}/", 25, django_assert_max_num_queries
    )
    assert response.content.decode().count("厨房漏水") >= 9


@pytest.mark.parametrize(
    ("url", "params"),
    [("/work-orders/new/customers/", {"customer_q": "8000"}), ("/customers/", {"q": "8000"})],
)
def test_customer_lookup_reads_a_fixed_number_of_queries(
    client, cast, customer, django_assert_max_num_queries, url, params
):
    client.force_login(cast.agent)
    response = constant(client, cast, customer, url, 12, django_assert_max_num_queries, **params)
    assert "王芳" in response.content.decode()
