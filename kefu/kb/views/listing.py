"""Article list and search (知识列表与检索), and suggestions while an agent types (推荐)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.core.cursor import BadCursor
from kefu.core.paging import Page, keyset_page
from kefu.customers.views.common import AuthedRequest, is_partial, vary_on_htmx
from kefu.kb.forms import ArticleFilterForm
from kefu.kb.markup import first_line
from kefu.kb.models import Article
from kefu.kb.querysets import ArticleQuerySet, can_see_unpublished
from kefu.kb.views.common import may_edit, visible_articles

PAGE_SIZE = 25
RELATED_LIMIT = 10
SUGGEST_LIMIT = 5
QUERY_LENGTH = 500


def summaries(articles: list[Article]) -> list[dict[str, Any]]:
    """Title and first line of each article's published text (for lists and suggestions)."""
    return [
        {
            "article": a,
            "summary": first_line(a.current_version.body) if a.current_version else "",
        }
        for a in articles
    ]


def _filtered(request: AuthedRequest, form: ArticleFilterForm) -> ArticleQuerySet:
    qs = visible_articles(request).select_related("category__parent", "current_version")
    if not form.is_valid():
        return qs
    if form.cleaned_data["category"] is not None:
        qs = qs.filter(category=form.cleaned_data["category"])
    if form.cleaned_data["status"] and can_see_unpublished(request.user):
        qs = qs.filter(status=form.cleaned_data["status"])
    return qs


@login_required
@permission_required("kb.view_article", raise_exception=True)
@require_GET
def article_list(request: AuthedRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET)
    qs = _filtered(request, form)
    q = (form.cleaned_data.get("q") or "").strip() if form.is_valid() else ""
    context: dict[str, Any] = {
        "form": form,
        "filters": request.GET,
        "q": q,
        "related": [],
        "next_url": None,
        "first_url": None,
        "can_add": request.user.has_perm("kb.add_article"),
        "can_edit": may_edit(request),
        "show_status": can_see_unpublished(request.user),
    }
    if q:
        found = list(qs.search(q))
        context["rows"] = summaries(found)
        if not found:
            context["related"] = summaries(list(qs.suggest(q, limit=RELATED_LIMIT)))
    else:
        cursor = request.GET.get("cursor") or None
        try:
            page: Page[Article] = keyset_page(
                qs, cursor=cursor, limit=PAGE_SIZE, order="-updated_at"
            )
        except BadCursor:
            cursor = None
            page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order="-updated_at")
        query = request.GET.copy()
        query.pop("cursor", None)
        context["first_url"] = f"?{query.urlencode()}" if cursor else None
        if page.next_cursor:
            query["cursor"] = page.next_cursor
            context["next_url"] = f"?{query.urlencode()}"
        context["rows"] = summaries(page.items)
    template = "kb/_results.html" if is_partial(request) else "kb/list.html"
    return vary_on_htmx(render(request, template, context))


@login_required
@permission_required("kb.view_article", raise_exception=True)
@require_GET
def suggest(request: AuthedRequest) -> HttpResponse:
    """Up to five published articles for the text being typed (``q``), as an HTML fragment
    for htmx: title and first line each; empty when nothing useful matches."""
    text = request.GET.get("q", "")[:QUERY_LENGTH]
    found = list(
        visible_articles(request)
        .select_related("current_version")
        .suggest(text, limit=SUGGEST_LIMIT)
    )
    return render(request, "kb/_suggestions.html", {"suggestions": summaries(found), "q": text})
