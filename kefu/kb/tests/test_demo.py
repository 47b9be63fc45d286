"""Demo articles: made once, published, searchable."""

from __future__ import annotations

import pytest

from kefu.kb.demo import ensure_demo_articles
from kefu.kb.demo_articles import ARTICLES
from kefu.kb.models import Article

pytestmark = pytest.mark.django_db


def test_demo_articles_are_published_once_and_found_by_two_character_words(cast):
    assert ensure_demo_articles(cast.manager) == len(ARTICLES)
    assert ensure_demo_articles(cast.manager) == 0
    assert Article.objects.published().count() == len(ARTICLES) >= 30
    agent_sees = Article.objects.visible_to(cast.agent)
    assert agent_sees.search("漏水报修")[0].title == "漏水报修怎么办"
    complaint = [a.title for a in agent_sees.search("投诉")]
    assert "投诉处理流程" in complaint
    assert "停车收费争议的处理" in complaint
    in_title = ["投诉" in title for title in complaint]
    assert in_title == sorted(in_title, reverse=True)  # title matches first
    assert [a.title for a in agent_sees.search("WiFi")] == ["免费 WiFi 怎么连接"]
    partner_sees = Article.objects.visible_to(cast.partner)
    assert "投诉处理流程" not in [a.title for a in partner_sees.search("投诉")]
