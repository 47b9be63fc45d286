"""Call list (来电记录): recent calls the user may see, filtered, in keyset pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.core.cursor import BadCursor
from kefu.core.masking import mask_phone
from kefu.core.paging import Page, keyset_page
from kefu.cti.forms import CallFilterForm
from kefu.cti.links import ticket_url
from kefu.cti.models import Call
from kefu.cti.views.common import AuthedRequest

PAGE_SIZE = 50


@dataclass(frozen=True)
class CallRow:
    call: Call
    phone: str
    ticket_url: str


@login_required
@permission_required("cti.view_call", raise_exception=True)
@require_GET
def call_list(request: AuthedRequest) -> HttpResponse:
    form = CallFilterForm(request.GET)
    qs = form.apply(Call.objects.visible_to(request.user), request.user).select_related(
        "agent", "customer", "ticket"
    )
    cursor = request.GET.get("cursor") or None
    try:
        page: Page[Call] = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE, order="-started_at")
    except BadCursor:
        cursor = None
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order="-started_at")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    rows = [
        CallRow(
            call=c,
            phone=mask_phone(c.caller),
            ticket_url=ticket_url(c.ticket.number) if c.ticket else "",
        )
        for c in page.items
    ]
    context = {
        "rows": rows,
        "form": form,
        "filters": request.GET,
        "next_url": next_url,
        "first_url": first_url,
        "can_open": request.user.has_perm("tickets.add_ticket"),
        "can_manage": request.user.has_perm("cti.change_agentextension"),
        "back_url": request.get_full_path(),
    }
    return render(request, "cti/list.html", context)
