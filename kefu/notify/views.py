"""Notification inbox (通知) of the signed-in user."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kefu.core.paging import keyset_page
from kefu.notify.models import Notification
from kefu.notify.services import mark_read


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    qs = Notification.objects.visible_to(request.user)
    if request.GET.get("unread"):
        qs = qs.unread()
    page = keyset_page(qs, cursor=request.GET.get("cursor"), limit=50)
    query = request.GET.copy()
    query.pop("cursor", None)
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    return render(
        request,
        "notify/inbox.html",
        {"notifications": page.items, "next_url": next_url, "unread_only": "unread" in request.GET},
    )


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
    mark_read(actor=request.user, ids=ids or None)
    return redirect("notify:inbox")
