"""Work order API queues and search (工单接口的队列与检索): ?queue= sorted by next deadline like
the console queue, ?q= over the search index, both in scope and paged by keyset."""

from __future__ import annotations

import pytest

from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.api_helpers import error_of

pytestmark = pytest.mark.django_db
people = console_fixtures.people
world = console_fixtures.world


def numbers_of(response):
    assert response.status_code == 200, response.content
    return [item["number"] for item in response.json()["items"]]


def numbers(world, *keys):
    return [world[key].number for key in keys]


def test_team_queue_is_sorted_by_next_deadline_like_the_console(api_as, world):
    response = api_as("agent").get(queue="team")
    assert numbers_of(response) == numbers(
        world, "mine_late", "colleague", "mine_soon", "mine_open"
    )


def test_queue_pages_follow_each_other_by_keyset(api_as, world):
    api = api_as("agent")
    first = api.get(queue="team", limit=3)
    assert numbers_of(first) == numbers(world, "mine_late", "colleague", "mine_soon")
    cursor = first.json()["next_cursor"]
    second = api.get(queue="team", limit=3, cursor=cursor)
    assert numbers_of(second) == numbers(world, "mine_open")
    assert second.json()["next_cursor"] is None


def test_my_queue_holds_only_my_open_work(api_as, world):
    response = api_as("agent").get(queue="mine")
    assert numbers_of(response) == numbers(world, "mine_late", "mine_soon", "mine_open")


def test_handler_department_queue_holds_only_the_forwarded_work(api_as, world):
    response = api_as("handler").get(queue="department")
    assert numbers_of(response) == numbers(world, "forwarded")


def test_a_queue_not_offered_to_the_caller_is_refused_with_a_translated_422(api_as, world):
    response = api_as("handler", "zh-hans").get(queue="team")
    assert response.status_code == 422
    error = error_of(response)
    assert error["fields"]["queue"] == ["这个队列不对您开放。"]


def test_an_unknown_queue_is_refused_with_422(api_as, world):
    response = api_as("agent").get(queue="everything")
    assert response.status_code == 422
    assert "queue" in str(error_of(response)["fields"])


def test_search_finds_a_word_in_scope_newest_first(api_as, world):
    assert numbers_of(api_as("agent").get(q="漏水")) == numbers(world, "forwarded")
    assert numbers_of(api_as("partner").get(q="漏水")) == []
    assert numbers_of(api_as("handler").get(q="漏水")) == numbers(world, "forwarded")


def test_search_within_a_queue_keeps_the_queue(api_as, world):
    assert numbers_of(api_as("agent").get(q="投诉", queue="mine")) == []
    assert numbers_of(api_as("agent").get(q="空调", queue="mine")) == numbers(world, "mine_soon")
    assert numbers_of(api_as("agent").get(q="空调", queue="unassigned")) == []


def test_search_pages_follow_each_other(api_as, cast, customer):
    from kefu.tickets.tests.conftest import open_ticket

    made = [open_ticket(cast, customer, title=f"电梯故障{i}").number for i in range(5)]
    api = api_as("agent")
    first = api.get(q="电梯", limit=2)
    second = api.get(q="电梯", limit=2, cursor=first.json()["next_cursor"])
    third = api.get(q="电梯", limit=2, cursor=second.json()["next_cursor"])
    assert numbers_of(first) + numbers_of(second) + numbers_of(third) == made[::-1]
    assert third.json()["next_cursor"] is None


def test_a_one_character_search_is_refused_with_a_translated_422(api_as, world):
    response = api_as("agent", "zh-hans").get(q="水")
    assert response.status_code == 422
    assert error_of(response)["fields"]["q"] == ["请输入至少两个汉字、一个词或一个工单编号。"]


def test_a_foreign_cursor_is_refused_with_422(api_as, world):
    response = api_as("agent").get(q="漏水", cursor="not-a-cursor")
    assert response.status_code == 422


@pytest.mark.parametrize("values", [["2026-13-45T10:00:00", 3], [None, 2**70], ["x", 1]])
def test_a_forged_queue_cursor_is_refused_with_422(api_as, world, values):
    from kefu.core.cursor import encode_cursor

    response = api_as("agent").get(queue="team", cursor=encode_cursor(values))
    assert response.status_code == 422
