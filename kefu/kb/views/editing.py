"""Writing articles (编写文章): a new article, or a new version of one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, errors_to_form
from kefu.kb.forms import ArticleForm
from kefu.kb.models import Article
from kefu.kb.services import create_article, edit_article, publish_article
from kefu.kb.views.common import may_publish, scoped_article


def _save(request: AuthedRequest, form: ArticleForm, article: Article | None) -> Article | None:
    """Write the form through the services (and publish when asked); None on refusal."""
    try:
        with transaction.atomic():
            if article is None:
                article = create_article(actor=request.user, text=form.text())
            else:
                edit_article(actor=request.user, article=article, text=form.text())
            if form.cleaned_data.get("publish"):
                article = publish_article(actor=request.user, article=article)
    except DomainError as exc:
        errors_to_form(form, exc)
        return None
    return article


@login_required
@permission_required("kb.add_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def article_create(request: AuthedRequest) -> HttpResponse:
    can_publish = may_publish(request)
    form = ArticleForm(request.POST if request.method == "POST" else None, can_publish=can_publish)
    if request.method == "POST" and form.is_valid():
        article = _save(request, form, None)
        if article is not None:
            messages.success(request, _("The article is saved."))
            return redirect("kb:detail", pk=article.pk)
    return render(request, "kb/form.html", {"form": form, "article": None})


@login_required
@permission_required("kb.change_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def article_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    article = scoped_article(request, pk)
    latest = article.versions.order_by("-number").first()
    initial = {
        "title": latest.title if latest else article.title,
        "body": latest.body if latest else "",
        "category": article.category_id,
        "visibility": article.visibility,
        "tags": ", ".join(article.tags.values_list("name", flat=True)),
    }
    form = ArticleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        can_publish=may_publish(request),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, article)
        if saved is not None:
            messages.success(request, _("A new version is saved."))
            return redirect("kb:detail", pk=article.pk)
    return render(request, "kb/form.html", {"form": form, "article": article, "latest": latest})
