"""Helpers of the knowledge base pages (知识库页面公共件): scope and what a user may do."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from kefu.customers.views.common import AuthedRequest
from kefu.kb.models import Article
from kefu.kb.querysets import ArticleQuerySet


def visible_articles(request: AuthedRequest) -> ArticleQuerySet:
    """Every knowledge base page starts here: the articles the user may see."""
    return Article.objects.visible_to(request.user)


def scoped_article(request: AuthedRequest, pk: int) -> Article:
    """The article ``pk`` if the user may see it, else 404 (never 403: no existence leak)."""
    return get_object_or_404(
        visible_articles(request).select_related("category__parent", "current_version"), pk=pk
    )


def may_edit(request: AuthedRequest) -> bool:
    return bool(request.user.has_perm("kb.change_article"))


def may_publish(request: AuthedRequest) -> bool:
    return bool(request.user.has_perm("kb.publish_article"))
