"""Reads of the knowledge base (知识库查询): who may read which article, and search.

Search uses the token table (``ArticleToken``, index on token then article): the query's tokens
are looked up by equality in the index, grouped by article and counted. ``search`` keeps the
articles holding every token (a phrase search per run of characters); ``suggest`` ranks by how
many of a sentence's useful tokens an article holds. Both are capped; nothing counts the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Max, Q

from kefu.core.appendonly import AppendOnlyQuerySet
from kefu.core.tokens import query_tokens, suggestion_tokens
from kefu.kb.choices import ArticleStatus, Visibility

if TYPE_CHECKING:
    from kefu.kb.models import (  # noqa: F401
        Article,
        ArticleToken,
        ArticleVersion,
        KnowledgeAnswer,
    )

SEARCH_LIMIT = 50
SUGGEST_LIMIT = 5


def can_read_internal(user: Any) -> bool:
    return bool(user.has_perm("kb.view_internal_article"))


def can_see_unpublished(user: Any) -> bool:
    """Editors and publishers see drafts and archived articles too."""
    return bool(user.has_perm("kb.change_article") or user.has_perm("kb.publish_article"))


class ArticleQuerySet(models.QuerySet["Article"]):
    def visible_to(self, user: Any) -> ArticleQuerySet:
        """Data scope (数据范围) of articles.

        Anyone with ``kb.view_article`` reads published public articles (handlers and partner
        users included); service staff with ``kb.view_internal_article`` also internal ones;
        editors and publishers also drafts and archived articles. Everyone else nothing.
        """
        if not getattr(user, "is_authenticated", False) or not user.has_perm("kb.view_article"):
            return self.none()
        qs = self
        if not can_read_internal(user):
            qs = qs.filter(visibility=Visibility.PUBLIC)
        if not can_see_unpublished(user):
            qs = qs.filter(status=ArticleStatus.PUBLISHED)
        return qs

    def published(self) -> ArticleQuerySet:
        return self.filter(status=ArticleStatus.PUBLISHED)

    def search(self, text: str, *, limit: int = SEARCH_LIMIT) -> list[Article]:
        """Published articles holding every token of ``text`` (检索), best first: more tokens in
        the title, then the latest published. Empty for a query without tokens."""
        return self.fetch_ranked(self.ranking(query_tokens(text), require_all=True, limit=limit))

    def suggest(self, text: str, *, limit: int = SUGGEST_LIMIT) -> list[Article]:
        """Published articles for a sentence typed by an agent (推荐), ranked by how many useful
        tokens of it they hold (at least one), then title hits, then recency."""
        tokens = suggestion_tokens(text)
        return self.fetch_ranked(self.ranking(tokens, require_all=False, limit=limit))

    def ranking(
        self, tokens: Sequence[str], *, require_all: bool, limit: int
    ) -> models.QuerySet[Any]:
        """Ids of the matching articles among these, best first, at most ``limit``.

        Reads only the token index (token, article, in_title, published_at): one index range
        per token, grouped by article; the articles of this queryset enter as a subquery.
        """
        from kefu.kb.models import ArticleToken

        tokens = list(dict.fromkeys(tokens))
        if not tokens:
            return ArticleToken.objects.none().values("article_id")
        rows = (
            ArticleToken.objects.filter(token__in=tokens, article__in=self.published().values("pk"))
            .values("article_id")
            .annotate(
                hits=Count("pk"),
                title_hits=Count("pk", filter=Q(in_title=True)),
                recency=Max("published_at"),
            )
        )
        if require_all:
            rows = rows.filter(hits=len(tokens))
        return rows.order_by("-hits", "-title_hits", "-recency", "-article_id")[:limit]

    def fetch_ranked(self, ranking: models.QuerySet[Any]) -> list[Article]:
        """The articles of a ``ranking``, in its order (one more query, by primary key)."""
        ids = [row["article_id"] for row in ranking]
        if not ids:
            return []
        by_id = self.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


class VersionQuerySet(AppendOnlyQuerySet["ArticleVersion"]):
    """Article versions are immutable: update and delete are refused."""


class TokenQuerySet(models.QuerySet["ArticleToken"]):
    pass


class AnswerQuerySet(AppendOnlyQuerySet["KnowledgeAnswer"]):
    def visible_to(self, user: Any) -> AnswerQuerySet:
        """Answers on work orders the user may see."""
        from kefu.tickets.models import Ticket

        return self.filter(ticket__in=Ticket.objects.visible_to(user))
