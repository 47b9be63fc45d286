"""Search over published articles: two-character Chinese words, English words, the index."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from kefu.kb.models import Article, ArticleToken
from kefu.kb.services import ArticleText, archive_article, edit_article, publish_article
from kefu.kb.tests.conftest import write

pytestmark = pytest.mark.django_db


def titles(qs):
    return [a.title for a in qs]


@pytest.fixture
def library(cast):
    return {
        "complaint": write(cast, "投诉处理流程", "受理投诉，记录经过，转交责任部门。"),
        "leak": write(cast, "漏水报修怎么办", "先关闭总水阀，再报修。"),
        "leak_blame": write(cast, "责任划分", "户内管道漏水由业主负责。"),
        "parking": write(cast, "停车收费标准", "前30分钟免费，Parking fee 5 yuan per hour."),
        "wifi": write(cast, "免费网络", "连接 Mall-Free-WiFi 即可上网。"),
        "draft": write(cast, "漏水草稿", "漏水投诉", publish=False),
        # 投 and 诉 both occur, never side by side: no 投诉 here.
        "apart": write(cast, "投放广告", "上诉期限。"),
    }


def search(user, text):
    return titles(Article.objects.visible_to(user).search(text))


def test_two_character_word_finds_exactly_the_articles_holding_it(cast, library):
    assert search(cast.agent, "投诉") == ["投诉处理流程"]
    assert set(search(cast.agent, "漏水")) == {"漏水报修怎么办", "责任划分"}


def test_title_matches_rank_before_body_matches(cast, library):
    assert search(cast.agent, "漏水") == ["漏水报修怎么办", "责任划分"]


def test_a_longer_query_is_a_phrase_of_bigrams(cast, library):
    assert search(cast.agent, "漏水报修") == ["漏水报修怎么办"]
    assert search(cast.agent, "报修漏水") == []  # 修漏 occurs nowhere


def test_every_word_of_the_query_must_match(cast, library):
    assert search(cast.agent, "漏水 业主") == ["责任划分"]
    assert search(cast.agent, "漏水 停车") == []


def test_english_words_match_without_case_or_pinyin(cast, library):
    assert search(cast.agent, "wifi") == ["免费网络"]
    assert search(cast.agent, "WIFI") == ["免费网络"]
    assert search(cast.agent, "parking FEE") == ["停车收费标准"]
    assert search(cast.agent, "loushui") == []  # no pinyin matching


def test_punctuation_in_the_query_is_ignored(cast, library):
    assert search(cast.agent, "“投诉”？") == ["投诉处理流程"]
    assert search(cast.agent, "，。！") == []


def test_drafts_are_never_found(cast, library):
    assert "漏水草稿" not in search(cast.supervisor, "漏水")


def test_publishing_a_new_version_replaces_the_indexed_words(cast, library):
    article = library["leak_blame"]
    edit_article(
        actor=cast.supervisor,
        article=article,
        text=ArticleText(title="责任划分", body="公共管道由物业公司负责。", visibility="public"),
    )
    assert "责任划分" in search(cast.agent, "漏水")  # still the published version 1
    publish_article(actor=cast.manager, article=article)
    assert "责任划分" not in search(cast.agent, "漏水")
    assert search(cast.agent, "物业") == ["责任划分"]


def test_archiving_takes_the_article_out_of_search_and_its_tokens_out_of_the_index(cast, library):
    archive_article(actor=cast.manager, article=library["complaint"])
    assert search(cast.agent, "投诉") == []
    assert not ArticleToken.objects.filter(article=library["complaint"]).exists()


def test_tags_are_searchable(cast):
    write(cast, "会员积分规则", "消费1元积1分。", tags=("VIP", "会员日"))
    assert search(cast.agent, "vip") == ["会员积分规则"]


def test_search_results_are_capped(cast):
    for n in range(5):
        write(cast, f"发票说明{n}", "开具发票。")
    assert len(Article.objects.visible_to(cast.agent).search("发票", limit=3)) == 3


def test_suggestions_rank_by_how_many_useful_words_of_a_sentence_an_article_holds(cast, library):
    found = titles(
        Article.objects.visible_to(cast.agent).suggest("您好，我家厨房漏水了，想报修，怎么办？")
    )
    assert found[0] == "漏水报修怎么办"
    assert "责任划分" in found
    assert "停车收费标准" not in found


def test_suggestions_need_at_least_one_useful_word(cast, library):
    assert titles(Article.objects.visible_to(cast.agent).suggest("你好，请问怎么办？")) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plan")
def test_search_looks_tokens_up_through_the_token_index_on_sqlite(cast, library):
    qs = Article.objects.visible_to(cast.agent).ranking(["漏水", "报修"], require_all=True, limit=9)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX kb_token_article_idx (token=?" in plan, plan
    assert "SCAN kb_articletoken" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plan")
def test_search_looks_tokens_up_through_the_token_index_on_postgresql(cast, library):
    qs = Article.objects.visible_to(cast.agent).ranking(["漏水", "报修"], require_all=True, limit=9)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    # On a handful of rows the planner may reach the tokens through either index on them
    # (by token, or by article and token); what must never happen is reading the whole table.
    assert re.search(r"Index (Only )?Scan using kb_token_\w+ on kb_articletoken", plan), plan
    assert "Seq Scan on kb_articletoken" not in plan, plan
