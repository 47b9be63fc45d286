"""Writing articles (编写与发布知识文章): create, edit (a new version), publish, archive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.kb.choices import ArticleStatus, Visibility
from kefu.kb.models import Article, ArticleCategory, ArticleTag, ArticleVersion
from kefu.kb.services.indexing import index_article, unindex_article

MAX_TAGS = 10
TAG_LENGTH = 30


@dataclass(frozen=True)
class ArticleText:
    """What an author submits (文章内容): the versioned text and the article's labels."""

    title: str
    body: str
    category: ArticleCategory | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    visibility: str = Visibility.INTERNAL
    change_note: str = ""


def split_tags(text: str | Iterable[str]) -> tuple[str, ...]:
    """Tag names from "停车, 发票；会员" or a list: trimmed, unique, in order."""
    if isinstance(text, str):
        for sep in ("，", "；", ";", "、"):
            text = text.replace(sep, ",")
        parts: Iterable[str] = text.split(",")
    else:
        parts = text
    return tuple(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def _validated(text: ArticleText) -> ArticleText:
    errors: dict[str, list[str]] = {}
    title, body = text.title.strip(), text.body.strip()
    if not title:
        errors["title"] = [_("Enter a title.")]
    elif len(title) > 200:
        errors["title"] = [_("The title is too long (200 characters at most).")]
    if not body:
        errors["body"] = [_("Enter the article text.")]
    if len(text.change_note.strip()) > 200:
        errors["change_note"] = [_("The change note is too long (200 characters at most).")]
    if text.visibility not in Visibility.values:
        errors["visibility"] = [_("Choose internal or public.")]
    tags = split_tags(text.tags)
    if len(tags) > MAX_TAGS:
        errors["tags"] = [_("Give at most %(count)d tags.") % {"count": MAX_TAGS}]
    elif any(len(t) > TAG_LENGTH for t in tags):
        errors["tags"] = [_("A tag has at most %(count)d characters.") % {"count": TAG_LENGTH}]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return ArticleText(
        title=title,
        body=body,
        category=text.category,
        tags=tags,
        visibility=text.visibility,
        change_note=text.change_note.strip(),
    )


def _require(actor: Any, perm: str, message: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(message)


def _set_tags(article: Article, names: tuple[str, ...]) -> None:
    tags = [ArticleTag.objects.get_or_create(name=name)[0] for name in names]
    article.tags.set(tags)


def _labels(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "category": str(article.category) if article.category else None,
        "visibility": article.visibility,
        "status": article.status,
        "tags": sorted(article.tags.values_list("name", flat=True)),
        "version": article.current_version.number if article.current_version else None,
    }


def create_article(*, actor: Any, text: ArticleText) -> Article:
    """Write a new article (新建文章) as a draft with its first version."""
    _require(actor, "kb.add_article", _("You may not write knowledge articles."))
    text = _validated(text)
    with transaction.atomic():
        at = now()
        article = Article.objects.create(
            title=text.title,
            category=text.category,
            visibility=text.visibility,
            status=ArticleStatus.DRAFT,
            created_by=actor,
            created_at=at,
            updated_by=actor,
            updated_at=at,
        )
        _set_tags(article, text.tags)
        ArticleVersion.objects.create(
            article=article,
            number=1,
            title=text.title,
            body=text.body,
            author=actor,
            at=at,
            change_note=text.change_note,
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=article,
            changes={k: [None, v] for k, v in _labels(article).items()},
        )
    return article


def edit_article(*, actor: Any, article: Article, text: ArticleText) -> ArticleVersion:
    """Edit an article (修订文章): the text becomes a new version (old versions never change);
    category, tags and visibility change on the article. A published article keeps showing
    its published version until a publisher publishes the new one; a draft's title follows."""
    _require(actor, "kb.change_article", _("You may not edit knowledge articles."))
    text = _validated(text)
    with transaction.atomic():
        locked = Article.objects.select_for_update().filter(pk=article.pk).first()
        if locked is None:
            raise NotFound(_("Article not found."))
        before = _labels(locked)
        latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
        at = now()
        version = ArticleVersion.objects.create(
            article=locked,
            number=latest + 1,
            title=text.title,
            body=text.body,
            author=actor,
            at=at,
            change_note=text.change_note,
        )
        locked.category = text.category
        locked.visibility = text.visibility
        if locked.current_version_id is None:
            locked.title = text.title
        locked.updated_by = actor
        locked.updated_at = at
        locked.save(update_fields=["category", "visibility", "title", "updated_by", "updated_at"])
        _set_tags(locked, text.tags)
        if locked.status == ArticleStatus.PUBLISHED and locked.current_version is not None:
            index_article(locked, locked.current_version)  # the tags are searchable
        changes = {"version": [latest, version.number]}
        changes.update({k: [before[k], v] for k, v in _labels(locked).items() if before[k] != v})
        record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes)
    return version


def publish_article(
    *, actor: Any, article: Article, version: ArticleVersion | None = None
) -> Article:
    """Publish (发布) a version of the article, by default its latest: readers see it and
    search finds its words (and no longer the words of the version it replaces)."""
    _require(actor, "kb.publish_article", _("You may not publish knowledge articles."))
    with transaction.atomic():
        locked = Article.objects.select_for_update().filter(pk=article.pk).first()
        if locked is None:
            raise NotFound(_("Article not found."))
        if version is None:
            version = locked.versions.order_by("-number").first()
        if version is None or version.article_id != locked.pk:
            raise NotFound(_("Version not found."))
        before = _labels(locked)
        if locked.status == ArticleStatus.PUBLISHED and locked.current_version_id == version.pk:
            raise Conflict(_("This version is already published."))
        at = now()
        locked.current_version = version
        locked.title = version.title
        locked.status = ArticleStatus.PUBLISHED
        locked.published_at = at
        locked.updated_by = actor
        locked.updated_at = at
        locked.save()
        index_article(locked, version)
        after = _labels(locked)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
        )
    return locked


def archive_article(*, actor: Any, article: Article) -> Article:
    """Archive (归档) an article: no longer read, searched or suggested; publish to restore."""
    _require(actor, "kb.publish_article", _("You may not archive knowledge articles."))
    with transaction.atomic():
        locked = Article.objects.select_for_update().filter(pk=article.pk).first()
        if locked is None:
            raise NotFound(_("Article not found."))
        if locked.status == ArticleStatus.ARCHIVED:
            raise Conflict(_("This article is already archived."))
        before = locked.status
        locked.status = ArticleStatus.ARCHIVED
        locked.updated_by = actor
        locked.updated_at = now()
        locked.save(update_fields=["status", "updated_by", "updated_at"])
        unindex_article(locked)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"status": [before, locked.status]},
        )
    return locked
