"""Schemas of the knowledge base API (知识库接口数据)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from kefu.core.paging import MAX_PAGE_SIZE
from kefu.kb.choices import ArticleStatus, Visibility
from kefu.kb.markup import first_line
from kefu.kb.models import Article, ArticleVersion, KnowledgeAnswer

SEARCH_CAP = 50


class ArticleFilters(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words to find (two-character Chinese words like 投诉, or English words). "
        f"With q, the best {SEARCH_CAP} matches at most, no cursor.",
    )
    category: int | None = Field(None, ge=1, description="Category id.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class ArticleSummaryOut(Schema):
    id: int
    title: str
    summary: str = Field(description="First line of the published text.")
    category: str | None
    tags: list[str]
    visibility: Visibility
    status: ArticleStatus
    version: int | None = Field(description="Published version number.")
    published_at: datetime | None
    updated_at: datetime


class ArticlePage(Schema):
    items: list[ArticleSummaryOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class ArticleOut(ArticleSummaryOut):
    body: str = Field(
        description="Text of the published version (of the latest version for a draft), "
        "light Markdown: # headings, - lists, **bold**; never HTML."
    )


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ticket: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    article: int = Field(ge=1, description="Article id.")


class AnswerOut(Schema):
    id: int
    ticket: str = Field(description="Work order number.")
    article: int
    title: str
    version: int
    answered_by: str | None
    at: datetime


def shown_version(article: Article) -> ArticleVersion | None:
    if article.current_version is not None:
        return article.current_version
    return article.versions.order_by("-number").first()


def summary_out(article: Article) -> dict[str, Any]:
    version = article.current_version
    return {
        "id": article.pk,
        "title": article.title,
        "summary": first_line(version.body) if version else "",
        "category": str(article.category) if article.category else None,
        "tags": [t.name for t in article.tags.all()],
        "visibility": article.visibility,
        "status": article.status,
        "version": version.number if version else None,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
    }


def article_out(article: Article) -> dict[str, Any]:
    version = shown_version(article)
    return {**summary_out(article), "body": version.body if version else ""}


def answer_out(answer: KnowledgeAnswer) -> dict[str, Any]:
    return {
        "id": answer.pk,
        "ticket": answer.ticket.number,
        "article": answer.article_id,
        "title": answer.version.title,
        "version": answer.version.number,
        "answered_by": answer.answered_by.get_username() if answer.answered_by else None,
        "at": answer.at,
    }
