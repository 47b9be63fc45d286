"""Work order search (工单检索): two- and three-character Chinese words, latin words and numbers,
newest first, in the caller's scope, paged by keyset; the index kept by the services."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from kefu.tickets.models import Ticket
from kefu.tickets.search import (
    bulk_index,
    matching_ids,
    search_page,
    search_terms,
    ticket_tokens,
)
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import forwarded_complaint

pytestmark = pytest.mark.django_db


def found(qs, text, **kwargs):
    page = search_page(qs, text, cursor=kwargs.pop("cursor", None), limit=kwargs.pop("limit", 25))
    return [t.title for t in page.items], page.next_cursor


@pytest.fixture
def shelf(cast, customer):
    """Four work orders, oldest first."""
    return [
        open_ticket(cast, customer, title="热水器漏水", description="卫生间天花板滴水"),
        open_ticket(cast, customer, title="空调不制冷", description="WiFi 路由器也坏了"),
        open_ticket(cast, customer, title="楼道灯不亮", description="三楼漏电"),
        open_ticket(cast, customer, title="水管漏水严重", description=""),
    ]


def test_a_two_character_word_finds_every_work_order_holding_it_newest_first(cast, shelf):
    titles, cursor = found(Ticket.objects.visible_to(cast.agent), "漏水")
    assert titles == ["水管漏水严重", "热水器漏水"]
    assert cursor is None


def test_a_three_character_word_needs_both_of_its_bigrams(cast, shelf):
    assert found(Ticket.objects.all(), "热水器")[0] == ["热水器漏水"]
    # 水管 and 管漏 both occur only in the newest one; 漏电 only in the description of the third
    assert found(Ticket.objects.all(), "水管漏")[0] == ["水管漏水严重"]
    assert found(Ticket.objects.all(), "漏电")[0] == ["楼道灯不亮"]


def test_description_and_latin_words_are_found_whatever_their_case(cast, shelf):
    assert found(Ticket.objects.all(), "wifi")[0] == ["空调不制冷"]
    assert found(Ticket.objects.all(), "ＷｉＦｉ 路由")[0] == ["空调不制冷"]


def test_a_word_nobody_wrote_finds_nothing(cast, shelf):
    assert found(Ticket.objects.all(), "电梯")[0] == []
    assert found(Ticket.objects.all(), "漏水 wifi")[0] == []


def test_one_character_chinese_text_has_no_search_terms(cast, shelf):
    assert search_terms("水") == []
    assert search_terms("水 漏水") == ["漏水"]
    assert found(Ticket.objects.all(), "水")[0] == []


def test_a_work_order_number_finds_that_work_order_only(cast, shelf):
    number = shelf[1].number
    page = search_page(Ticket.objects.all(), number.lower(), cursor=None, limit=25)
    assert [t.number for t in page.items] == [number]


def test_a_handler_finds_only_the_work_forwarded_to_their_department(cast, customer, shelf):
    sent = forwarded_complaint(cast, customer, title="厨房漏水")
    assert found(Ticket.objects.visible_to(cast.handler), "漏水")[0] == ["厨房漏水"]
    assert found(Ticket.objects.visible_to(cast.partner), "漏水")[0] == []
    assert sent.department_id == cast.engineering.pk


def test_pages_follow_each_other_by_keyset_without_gaps_or_repeats(cast, customer):
    for i in range(7):
        open_ticket(cast, customer, title=f"第{i}号漏水")
    qs = Ticket.objects.all()
    first, cursor = found(qs, "漏水", limit=3)
    second, cursor2 = found(qs, "漏水", limit=3, cursor=cursor)
    third, cursor3 = found(qs, "漏水", limit=3, cursor=cursor2)
    assert first + second + third == [f"第{i}号漏水" for i in reversed(range(7))]
    assert cursor3 is None


def test_scope_is_applied_while_walking_so_pages_are_full(cast, customer, monkeypatch):
    """Many newer matches out of scope do not hide the older ones in scope."""
    monkeypatch.setattr("kefu.tickets.search.MAX_CHUNK", 4)
    mine = [forwarded_complaint(cast, customer, title=f"工程部漏水{i}") for i in range(2)]
    for i in range(12):
        open_ticket(cast, customer, title=f"客服部漏水{i}")
    titles, cursor = found(Ticket.objects.visible_to(cast.handler), "漏水", limit=5)
    assert titles == [t.title for t in reversed(mine)]
    assert cursor is None


def test_the_walk_stops_after_its_budget_and_continues_from_the_cursor(cast, customer, monkeypatch):
    monkeypatch.setattr("kefu.tickets.search.MAX_CHUNK", 2)
    monkeypatch.setattr("kefu.tickets.search.MAX_EXAMINED", 4)
    old = forwarded_complaint(cast, customer, title="最早的漏水")
    for i in range(6):
        open_ticket(cast, customer, title=f"较新的漏水{i}")
    qs = Ticket.objects.visible_to(cast.handler)
    titles, cursor = found(qs, "漏水", limit=2)
    assert titles == []  # the four newest were looked at, none in scope
    assert cursor is not None
    titles, cursor = found(qs, "漏水", limit=2, cursor=cursor)
    assert titles == [old.title]


def test_opening_a_work_order_indexes_it_in_the_same_transaction(cast, customer):
    ticket = open_ticket(cast, customer, title="电梯困人", description="三号楼")
    assert matching_ids(["电梯", "困人"], below=None, limit=5) == [ticket.pk]


def test_bulk_index_indexes_and_replaces_rows(cast, customer):
    ticket = open_ticket(cast, customer, title="电梯困人")
    assert bulk_index([(ticket.pk, "燃气泄漏", "请尽快上门")]) == 1
    assert matching_ids(["电梯"], below=None, limit=5) == []
    assert matching_ids(["燃气", "上门"], below=None, limit=5) == [ticket.pk]


def test_reindex_command_rebuilds_the_index_from_the_work_orders(cast, customer, capsys):
    ticket = open_ticket(cast, customer, title="电梯困人")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM tickets_search")
    assert matching_ids(["电梯"], below=None, limit=5) == []
    call_command("tickets_reindex")
    assert matching_ids(["电梯"], below=None, limit=5) == [ticket.pk]
    assert "Indexed 1 work orders" in capsys.readouterr().out


def test_documents_are_indexed_by_bigrams_and_words_without_single_characters():
    assert ticket_tokens("热水器", "WiFi坏") == ["wifi", "坏", "水器", "热水"]
    assert ticket_tokens("水", "") == ["水"]


@pytest.mark.parametrize("values", [[2**70], [-1], [True], ["7"], [1, 2]])
def test_a_cursor_this_search_did_not_make_is_refused(cast, shelf, values):
    from kefu.core.cursor import BadCursor, encode_cursor

    with pytest.raises(BadCursor):
        search_page(Ticket.objects.all(), "漏水", cursor=encode_cursor(values), limit=5)
