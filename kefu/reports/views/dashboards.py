"""Dashboard pages (看板页面): today, the month, per person; today's ticket lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kefu.core.clock import now, today
from kefu.core.cursor import BadCursor
from kefu.core.paging import keyset_page
from kefu.reports.dashboards import (
    TODAY_LISTS,
    month_board,
    people_board,
    today_figures,
    today_list,
)
from kefu.reports.periods import add_months, month_key, month_of, parse_month
from kefu.reports.views.charts import spec
from kefu.reports.views.common import VIEW_PERMISSION, AuthedRequest

PAGE_SIZE = 50


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def today_page(request: AuthedRequest) -> HttpResponse:
    at = now()
    context = {"figures": today_figures(request.user, at), "at": at, "tab": "today"}
    return render(request, "reports/today.html", context)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def today_list_page(request: AuthedRequest, key: str) -> HttpResponse:
    """The work orders one of today's figures counts, as of now."""
    if key not in TODAY_LISTS:
        raise Http404(_("No such list."))
    at = now()
    qs = today_list(request.user, key, at).select_related("ticket_type", "assignee", "customer")
    cursor = request.GET.get("cursor") or None
    try:
        page = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE, order="id")
    except BadCursor:
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order="id")
    context = {
        "title": TODAY_LISTS[key][0],
        "total": qs.count(),
        "tickets": page.items,
        "next_url": f"?cursor={page.next_cursor}" if page.next_cursor else None,
        "first_url": "?" if cursor else None,
        "at": at,
        "tab": "today",
    }
    return render(request, "reports/today_list.html", context)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def month_page(request: AuthedRequest) -> HttpResponse:
    period = parse_month(request.GET.get("month"), default=today())
    board = month_board(request.user, period)
    this = month_key(period)
    context = {
        "period": period,
        "month": this,
        "previous_month": month_key(month_of(add_months(period.start, -1))),
        "next_month": month_key(month_of(add_months(period.start, 1))),
        "board": board,
        "charts": [
            spec(
                board.trend_chart,
                element_id="trend-chart",
                urls=board.trend_chart["urls"],
                unit="%",
            ),
            spec(board.channel_chart, element_id="channel-chart", urls=board.channel_chart["urls"]),
            spec(board.type_chart, element_id="type-chart", urls=board.type_chart["urls"]),
        ],
        "can_set_targets": request.user.has_perm("reports.change_kpitarget"),
        "tab": "month",
    }
    return render(request, "reports/month.html", context)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def people_page(request: AuthedRequest) -> HttpResponse:
    period = parse_month(request.GET.get("month"), default=today())
    headings, rows = people_board(request.user, period)
    context = {
        "period": period,
        "month": month_key(period),
        "previous_month": month_key(month_of(add_months(period.start, -1))),
        "next_month": month_key(month_of(add_months(period.start, 1))),
        "headings": headings,
        "rows": rows,
        "tab": "people",
    }
    return render(request, "reports/people.html", context)
