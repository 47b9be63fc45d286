"""KPI pages (考核指标页面): the KPI table and the records behind each figure.

Thin: parameters are read, ``kpi_table`` / ``counted_rows`` do the counting in the user's
scope, and a bad parameter is shown as a message (the table) or a 400 page (records).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.core import clock
from kefu.core.cursor import BadCursor
from kefu.core.errors import ValidationFailed
from kefu.core.paging import keyset_page
from kefu.kpis.catalog import CATALOG, KPIS
from kefu.kpis.labels import group_labels
from kefu.kpis.params import Span, parse_span
from kefu.kpis.periods import PERIODS
from kefu.kpis.records import counted_rows
from kefu.kpis.service import kpi_table
from kefu.kpis.sources import DIMENSIONS

PAGE_SIZE = 50


def _this_month() -> tuple[dt.date, dt.date]:
    today = clock.today()
    start = today.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


@login_required
@permission_required("kpis.view_kpis", raise_exception=True)
@require_GET
def kpi_page(request: HttpRequest) -> HttpResponse:
    """The KPI table (考核指标表): this month by default, grouped and by period on request."""
    start, end = _this_month()
    error = None
    rows = []
    span = Span(start, end, None, None)
    try:
        span = parse_span(request.GET, default_start=start, default_end=end)
        rows = kpi_table(
            user=request.user,
            start=span.start,
            end=span.end,
            group_by=span.group_by,
            period=span.period,
        )
    except ValidationFailed as exc:
        error = exc
    return render(
        request,
        "kpis/table.html",
        {
            "rows": rows,
            "kpis": KPIS,
            "span": span,
            "error": error,
            "dimensions": DIMENSIONS,
            "periods": PERIODS,
            "sees_all": request.user.has_perm("kpis.view_all_kpis"),
        },
        status=422 if error else 200,
    )


@login_required
@permission_required("kpis.view_kpis", raise_exception=True)
@require_GET
def records_page(request: HttpRequest) -> HttpResponse:
    """The records behind a figure (指标明细): exactly the rows counted, a page at a time."""
    start, end = _this_month()
    kpi = request.GET.get("kpi", "")
    part = request.GET.get("part", "")
    try:
        span = parse_span(request.GET, default_start=start, default_end=end)
        found = counted_rows(
            user=request.user,
            kpi=kpi,
            part=part,
            start=span.start,
            end=span.end,
            group_by=span.group_by,
            key=request.GET.get("key", ""),
        )
    except ValidationFailed as exc:
        return render(request, "kpis/records.html", {"error": exc}, status=400)
    cursor = request.GET.get("cursor") or None
    try:
        page = keyset_page(found.rows, cursor=cursor, limit=PAGE_SIZE, order="-id")
    except BadCursor:
        cursor = None
        page = keyset_page(found.rows, cursor=None, limit=PAGE_SIZE, order="-id")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    definition = CATALOG[kpi]
    group_label = ""
    if span.group_by:
        key = request.GET.get("key", "")
        group_label = group_labels(span.group_by, [key])[key]
    return render(
        request,
        "kpis/records.html",
        {
            "kpi": definition,
            "part": part,
            "span": span,
            "kind": found.kind,
            "rows": page.items,
            "total": found.rows.count(),
            "group_label": group_label,
            "next_url": next_url,
            "first_url": first_url,
        },
    )
