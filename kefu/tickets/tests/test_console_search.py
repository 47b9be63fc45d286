"""Search box of the console queues (队列检索框): ?q= finds words over the search index inside
the queue and its filters, newest first; text too short to search is said so."""

from __future__ import annotations

import pytest

from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.console_fixtures import numbers_on

pytestmark = pytest.mark.django_db
people = console_fixtures.people
world = console_fixtures.world


def page(client, user, path, **params):
    client.force_login(user)
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_searching_a_queue_finds_the_word_in_that_queue_only(client, cast, world):
    body = page(client, cast.agent, "/work-orders/queue/all/", q="漏水")
    assert numbers_on(body) == [world["forwarded"].number]
    assert 'data-testid="search-note"' in body
    assert numbers_on(page(client, cast.agent, "/work-orders/queue/mine/", q="漏水")) == []


def test_the_list_search_box_searches_everything_the_user_may_see(client, cast, world):
    # Without a queue chosen, the search is not narrowed to the default queue (my work).
    body = page(client, cast.agent, "/work-orders/", q="漏水")
    assert numbers_on(body) == [world["forwarded"].number]
    assert numbers_on(page(client, cast.handler, "/work-orders/", q="门锁")) == []


def test_search_keeps_the_other_filters(client, cast, world):
    everything = page(client, cast.agent, "/work-orders/queue/all/", q="投诉")
    assert numbers_on(everything) == [world["closed"].number, world["colleague"].number]
    closed = page(client, cast.agent, "/work-orders/queue/all/", q="投诉", status="closed")
    assert numbers_on(closed) == [world["closed"].number]


def test_a_handler_searching_sees_only_forwarded_work(client, cast, world):
    body = page(client, cast.handler, "/work-orders/queue/all/", q="漏水")
    assert numbers_on(body) == [world["forwarded"].number]
    assert numbers_on(page(client, cast.handler, "/work-orders/queue/all/", q="门锁")) == []


def test_a_number_finds_its_work_order(client, cast, world):
    number = world["repair"].number
    body = page(client, cast.supervisor, "/work-orders/queue/all/", q=number)
    assert numbers_on(body) == [number]


def test_one_chinese_character_is_not_searched_and_the_page_says_why(client, cast, world):
    body = page(client, cast.agent, "/work-orders/queue/all/", q="水")
    assert "请输入至少两个汉字、一个词或一个工单编号。" in body
    assert 'data-testid="search-note"' not in body
    assert len(numbers_on(body)) == 7  # the queue itself, unsearched
