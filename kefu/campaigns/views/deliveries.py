"""A campaign's delivery log (发送记录): every message with its status, filtered, paged."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.campaigns.forms import DeliveryFilterForm
from kefu.campaigns.progress import status_counts
from kefu.campaigns.views.common import scoped_campaign
from kefu.core.cursor import BadCursor
from kefu.core.paging import Page, keyset_page
from kefu.customers.views.common import AuthedRequest
from kefu.messaging.models import Delivery

PAGE_SIZE = 50


@login_required
@permission_required("campaigns.view_campaign", raise_exception=True)
@permission_required("messaging.view_delivery", raise_exception=True)
@require_GET
def delivery_log(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = scoped_campaign(request, pk)
    rows = Delivery.objects.visible_to(request.user).for_campaign(campaign.key)
    form = DeliveryFilterForm(request.GET)
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["reason"]:
            rows = rows.filter(reason=form.cleaned_data["reason"])
    rows = rows.select_related("customer")
    cursor = request.GET.get("cursor") or None
    try:
        page: Page[Delivery] = keyset_page(rows, cursor=cursor, limit=PAGE_SIZE, order="id")
    except BadCursor:
        cursor = None
        page = keyset_page(rows, cursor=None, limit=PAGE_SIZE, order="id")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    return render(
        request,
        "campaigns/deliveries.html",
        {
            "campaign": campaign,
            "deliveries": page.items,
            "form": form,
            "filters": request.GET,
            "counts": status_counts(campaign),
            "next_url": next_url,
            "first_url": first_url,
            "can_view_customers": request.user.has_perm("customers.view_customer"),
        },
    )
