"""Knowledge base models (知识库): categories, tags, articles, versions, the search index and
answers given from an article on a work order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.core.appendonly import AppendOnlyModel
from kefu.kb.choices import ArticleStatus, Visibility
from kefu.kb.querysets import (
    AnswerQuerySet,
    ArticleQuerySet,
    TokenQuerySet,
    VersionQuerySet,
)


class ArticleCategory(models.Model):
    """Article category (知识分类): a node of a shallow tree, ordered among its siblings."""

    name = models.CharField(_("name"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("article category")
        verbose_name_plural = _("article categories")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="kb_category_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.parent} / {self.name}" if self.parent_id else self.name


class ArticleTag(models.Model):
    """Article tag (知识标签): a free label; tag names are searchable like the text."""

    name = models.CharField(_("name"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """Knowledge article (知识文章): its text lives in versions; ``current_version`` is the
    published one. ``title`` mirrors the published version (or the latest draft before the
    first publication) for lists."""

    title = models.CharField(_("article title"), max_length=200)
    category = models.ForeignKey(
        ArticleCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = models.ManyToManyField(
        ArticleTag, verbose_name=_("tags"), blank=True, related_name="articles"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    current_version = models.ForeignKey(
        "ArticleVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "-updated_at"], name="kb_article_status_idx")]
        permissions = [
            ("view_internal_article", _("Can view internal knowledge articles")),
            ("publish_article", _("Can publish and archive knowledge articles")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED


class ArticleVersion(AppendOnlyModel):
    """Article version (文章版本): one immutable text of an article, numbered 1, 2, 3 …"""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("article title"), max_length=200)
    body = models.TextField(
        _("body"), help_text=_("Plain text; lines starting with # are headings, - are lists.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    change_note = models.CharField(_("change note"), max_length=200, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="kb_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class ArticleToken(models.Model):
    """Search token (检索词元): one bigram, character or word of a published article.

    Rewritten by the publishing service; searched through the (token, article, …) index,
    which holds everything ranking needs (a covering index: no visit to the table).
    """

    # No index of its own: the unique (article, token) constraint serves lookups by article.
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tokens",
        db_index=False,
    )
    token = models.CharField(_("token"), max_length=32)
    in_title = models.BooleanField(_("in title"), default=False)
    # The article's publication time, copied here so that ranking reads the index alone.
    published_at = models.DateTimeField(_("published at"))

    objects = TokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("search token")
        verbose_name_plural = _("search tokens")
        constraints = [models.UniqueConstraint(fields=["article", "token"], name="kb_token_unique")]
        indexes = [
            models.Index(
                fields=["token", "article", "in_title", "published_at"],
                name="kb_token_article_idx",
            )
        ]

    def __str__(self) -> str:
        return self.token


class KnowledgeAnswer(AppendOnlyModel):
    """Answer from the knowledge base (知识库解答): a work order answered with an article."""

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="knowledge_answers",
    )
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="answers"
    )
    version = models.ForeignKey(
        ArticleVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer from the knowledge base")
        verbose_name_plural = _("answers from the knowledge base")
        ordering = ["ticket", "-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="kb_answer_article_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} ← {self.article_id}"
