"""Audit log page (审计日志) for auditors: filters, keyset pages."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date

from kefu.audit.choices import AuditAction
from kefu.audit.models import AuditEntry
from kefu.core.paging import keyset_page


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def audit_list(request: HttpRequest) -> HttpResponse:
    qs = AuditEntry.objects.visible_to(request.user)
    params = request.GET
    if actor := params.get("actor", "").strip():
        qs = qs.filter(actor_label=actor)
    if action := params.get("action", ""):
        qs = qs.filter(action=action)
    if object_type := params.get("object_type", "").strip():
        qs = qs.filter(object_type=object_type)
    if object_id := params.get("object_id", "").strip():
        qs = qs.filter(object_id=object_id)
    tz = timezone.get_current_timezone()
    if (start := parse_date(params.get("from", "") or "")) is not None:
        qs = qs.filter(at__gte=datetime.combine(start, time.min, tz))
    if (end := parse_date(params.get("to", "") or "")) is not None:
        qs = qs.filter(at__lte=datetime.combine(end, time.max, tz))
    page = keyset_page(qs.select_related("actor"), cursor=params.get("cursor"), limit=50)
    query = params.copy()
    query.pop("cursor", None)
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    return render(
        request,
        "audit/list.html",
        {
            "entries": page.items,
            "next_url": next_url,
            "first_url": "?" + params.copy().urlencode() if params.get("cursor") else None,
            "actions": AuditAction.choices,
            "filters": params,
        },
    )
