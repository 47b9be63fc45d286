"""Query plans at scale (查询计划): the queue's first page, the search, the customer lookup and
a customer's work orders read an index range, never the whole table, never sort it."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kefu.core.tests.plans import ORDERED, plan_of, queryset_plan
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket
from kefu.tickets.search import matching_ids
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.views.queues import by_deadline

pytestmark = pytest.mark.django_db
SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plan")
POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plan")


def team_first_page(cast):
    """The SQL of the team queue's first page, as ``by_deadline`` sends it: the work with a
    deadline, then (the page not being full) the work without one."""
    qs = Ticket.objects.open_work().filter(team_id=cast.call_center.pk)
    with CaptureQueriesContext(connection) as captured:
        by_deadline(qs, cursor=None, limit=50)
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) == 2, statements
    return statements


def search_sql():
    """The SQL ``matching_ids`` sends, captured from a real call."""
    with CaptureQueriesContext(connection) as captured:
        matching_ids(["漏水", "水管"], below=10**9, limit=26)
    return [q["sql"] for q in captured.captured_queries if "ORDER BY" in q["sql"]][-1]


def customer_work(customer):
    return Ticket.objects.filter(customer=customer).order_by("-id")[:25]


@pytest.fixture
def some(cast, customer):
    return [open_ticket(cast, customer, title=f"水管漏水{i}") for i in range(3)]


@SQLITE
def test_team_queue_first_page_is_an_index_range_in_deadline_order_on_sqlite(cast, some):
    for sql in team_first_page(cast):
        plan = plan_of(sql, None, ORDERED)
        assert "USING INDEX tickets_team_open_idx (team_id=? AND next_due_at" in plan, plan
        assert "TEMP B-TREE" not in plan, plan


@POSTGRES
def test_team_queue_first_page_is_an_index_range_in_deadline_order_on_postgresql(cast, some):
    for sql in team_first_page(cast):
        plan = plan_of(sql, None, ORDERED)
        assert "Index Scan using tickets_team_open_idx on tickets_ticket" in plan, plan
        assert "Sort" not in plan, plan
        assert "Seq Scan on tickets_ticket" not in plan, plan


@SQLITE
def test_search_walks_the_fts_index_backwards_without_sorting_on_sqlite(some):
    plan = plan_of(search_sql(), None, ORDERED)
    assert "VIRTUAL TABLE INDEX" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def replayed_plans(limit):
    """What ``matching_ids`` sends for 漏水 (its planner settings included), under EXPLAIN."""
    with CaptureQueriesContext(connection) as captured:
        matching_ids(["漏水"], below=None, limit=limit)
    plans = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as on a million rows
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.startswith("SET LOCAL"):
                for statement in sql.split(";"):
                    cursor.execute(statement)
            elif sql.startswith("SELECT ticket_id"):
                # The window must not sort the table (as on a million rows); the collection
                # from the GIN index sorts its matches, so there a sort is allowed: with
                # sorts off too, both of its plans cost alike and a tiny table picks either.
                window = "AS newest" in sql
                cursor.execute(f"SET LOCAL enable_sort = {'off' if window else 'on'}")
                cursor.execute(f"EXPLAIN {sql}")
                plans.append(" | ".join(row[0] for row in cursor.fetchall()))
    return plans


@POSTGRES
def test_a_page_of_a_common_word_is_found_walking_the_newest_rows_on_postgresql(some):
    (plan,) = replayed_plans(limit=2)  # three of three rows match: the page is full at once
    assert "Index Scan Backward using tickets_search_pkey on tickets_search" in plan, plan
    assert "Seq Scan" not in plan, plan


@POSTGRES
def test_a_rare_word_is_collected_from_the_gin_index_on_postgresql(some):
    window, everything = replayed_plans(limit=26)  # three matches: too few in the window
    assert "Index Scan Backward using tickets_search_pkey" in window, window
    assert "Bitmap Index Scan on tickets_search_tokens_idx" in everything, everything
    assert "Seq Scan" not in everything, everything


@SQLITE
def test_customer_lookup_by_last_four_digits_uses_its_index_on_sqlite(customer):
    plan = queryset_plan(Customer.objects.search("8000").order_by("-id")[:25], ORDERED)
    assert "customer_last4_idx (phone_last4=?)" in plan, plan
    assert "SCAN customers_customer" not in plan, plan


@POSTGRES
def test_customer_lookup_by_last_four_digits_uses_its_index_on_postgresql(customer):
    qs = Customer.objects.search("8000").order_by("-id")[:25]
    plan = queryset_plan(qs)
    assert "customer_last4_idx" in plan, plan
    assert "Seq Scan on customers_customer" not in plan, plan


@SQLITE
def test_a_customers_work_orders_are_read_newest_first_from_their_index_on_sqlite(customer, some):
    plan = queryset_plan(customer_work(customer), ORDERED)
    # tickets_customer_idx or the foreign key's own index: both end in the rowid, in order.
    assert re.search(r"SEARCH tickets_ticket USING INDEX tickets_\w+ \(customer_id=\?\)", plan), (
        plan
    )
    assert "TEMP B-TREE" not in plan, plan


@POSTGRES
def test_a_customers_work_orders_are_read_newest_first_from_their_index_on_postgresql(
    customer, some
):
    plan = queryset_plan(customer_work(customer), ORDERED)
    assert "Index Scan using tickets_customer_idx on tickets_ticket" in plan, plan
    assert "Sort" not in plan, plan
