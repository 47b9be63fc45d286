"""Saved filter actions (保存筛选操作): save the current filter of a list page, delete one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kefu.core.errors import NotFound, ValidationFailed
from kefu.web.saved_filters import delete_filter, is_local_path, save_filter


def _back(page: str, query: str = "") -> HttpResponseRedirect:
    target = page if is_local_path(page) else "/"
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


@login_required
@require_POST
def saved_filter_save(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    query = request.POST.get("query", "")
    try:
        saved = save_filter(
            actor=request.user, page=page, name=request.POST.get("name", ""), query=query
        )
    except ValidationFailed as exc:
        problems = [m for ms in exc.fields.values() for m in ms] or [exc.message]
        messages.error(request, " ".join(problems))
        return _back(page, query)
    messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    return _back(saved.page, saved.query)


@login_required
@require_POST
def saved_filter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        removed = delete_filter(actor=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": removed.name})
    return _back(removed.page)
