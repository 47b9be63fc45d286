"""Knowledge base API (知识库接口) at /api/v1/kb: read and search articles, record answers.

Thin: reads go through ``Article.objects.visible_to`` (internal articles are invisible to
handlers and partner users; out of scope is 404); writes call the services.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.paging import keyset_page
from kefu.kb.models import Article
from kefu.kb.querysets import ArticleQuerySet
from kefu.kb.schemas import (
    SEARCH_CAP,
    AnswerIn,
    AnswerOut,
    ArticleFilters,
    ArticleOut,
    ArticlePage,
    answer_out,
    article_out,
    summary_out,
)
from kefu.kb.services import record_answer
from kefu.tickets.models import Ticket

router = Router()


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


def _visible(request: HttpRequest) -> ArticleQuerySet:
    return (
        Article.objects.visible_to(_actor(request))
        .select_related("category", "category__parent", "current_version")
        .prefetch_related("tags")
    )


@router.get("/articles", response={200: ArticlePage, **COMMON_ERRORS}, summary="List or search")
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]) -> dict[str, Any]:
    """Articles the caller may read. Without ``q``: newest changes first, a keyset page at a
    time. With ``q``: published articles holding every word, best first (title matches, then
    the latest published), at most ``limit`` (≤ 50), no cursor."""
    require_perm(request, "kb.view_article")
    qs = _visible(request)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.q.strip():
        found = list(qs.search(filters.q, limit=min(filters.limit, SEARCH_CAP)))
        return {"items": [summary_out(a) for a in found], "next_cursor": None}
    page = keyset_page(qs, cursor=filters.cursor, limit=filters.limit, order="-updated_at")
    return {"items": [summary_out(a) for a in page.items], "next_cursor": page.next_cursor}


@router.get("/articles/{article_id}", response={200: ArticleOut, **DETAIL_ERRORS}, summary="Read")
def get_article(request: HttpRequest, article_id: int) -> dict[str, Any]:
    require_perm(request, "kb.view_article")
    return article_out(get_object_or_404(_visible(request), pk=article_id))


@router.post(
    "/answers",
    response={201: AnswerOut, **WRITE_ERRORS},
    summary="Record an answer from the knowledge base",
)
def post_answer(request: HttpRequest, payload: AnswerIn) -> Status[dict[str, Any]]:
    """Record that the work order ``ticket`` (its number) was answered with the published
    article ``article``: written in the work order's history as a ``knowledge`` event."""
    actor = _actor(request)
    require_perm(request, "kb.add_knowledgeanswer")
    ticket = get_object_or_404(Ticket.objects.visible_to(actor), number=payload.ticket)
    article = get_object_or_404(Article.objects.visible_to(actor).published(), pk=payload.article)
    answer = record_answer(actor=actor, ticket=ticket, article=article)
    return Status(201, answer_out(answer))
