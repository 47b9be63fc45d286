"""Article page (知识文章): the published text, versions with their differences, publish and
archive."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, raise_for_access
from kefu.kb.forms import PublishForm
from kefu.kb.markup import render as render_markup
from kefu.kb.models import Article, ArticleVersion
from kefu.kb.querysets import can_see_unpublished
from kefu.kb.services import archive_article, publish_article
from kefu.kb.views.common import may_edit, may_publish, scoped_article


def _rendered(version: ArticleVersion | None) -> str:
    # Safe: markup.render escapes every character the author typed.
    return mark_safe(render_markup(version.body)) if version else ""  # noqa: S308


@login_required
@permission_required("kb.view_article", raise_exception=True)
@require_GET
def article_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    article = scoped_article(request, pk)
    editor = can_see_unpublished(request.user)
    versions = list(article.versions.select_related("author")) if editor else []
    shown = article.current_version or (versions[0] if versions else None)
    latest = versions[0] if versions else None
    context: dict[str, Any] = {
        "article": article,
        "version": shown,
        "body": _rendered(shown),
        "tags": list(article.tags.all()),
        "versions": versions,
        "pending": latest if latest and latest.pk != article.current_version_id else None,
        "can_edit": may_edit(request),
        "can_publish": may_publish(request),
        "answer_count": article.answers.count() if editor else None,
    }
    return render(request, "kb/detail.html", context)


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """Line differences as (kind, text): kind is "add", "del" or "same"."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        mark, text = line[:2], line[2:]
        if mark == "? ":
            continue
        rows.append(({"+ ": "add", "- ": "del"}.get(mark, "same"), text))
    return rows


@login_required
@permission_required("kb.view_article", raise_exception=True)
@require_GET
def version_detail(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    """One version of an article and what it changed from the one before (editors only)."""
    article = scoped_article(request, pk)
    if not can_see_unpublished(request.user):
        raise Http404
    version = get_object_or_404(article.versions.select_related("author"), number=number)
    previous = article.versions.filter(number__lt=number).order_by("-number").first()
    context = {
        "article": article,
        "version": version,
        "previous": previous,
        "body": _rendered(version),
        "title_changed": previous is not None and previous.title != version.title,
        "diff": diff_lines(previous.body if previous else "", version.body),
        "can_publish": may_publish(request),
    }
    return render(request, "kb/version.html", context)


def _act(request: AuthedRequest, article: Article, call: Any, success: str) -> None:
    try:
        call()
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def article_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_publish(request):
        raise PermissionDenied
    article = scoped_article(request, pk)
    form = PublishForm(request.POST)
    number = form.cleaned_data.get("version") if form.is_valid() else None
    version = None
    if number:
        version = get_object_or_404(article.versions, number=number)
    _act(
        request,
        article,
        lambda: publish_article(actor=request.user, article=article, version=version),
        _("The article is published."),
    )
    return redirect("kb:detail", pk=article.pk)


@login_required
@require_POST
def article_archive(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_publish(request):
        raise PermissionDenied
    article = scoped_article(request, pk)
    _act(
        request,
        article,
        lambda: archive_article(actor=request.user, article=article),
        _("The article is archived."),
    )
    return redirect("kb:detail", pk=article.pk)
