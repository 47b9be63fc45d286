"""Customer list (客户列表) with live search, filters and keyset pages; the .xlsx export."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kefu.core.clock import now
from kefu.core.cursor import BadCursor
from kefu.core.errors import DomainError
from kefu.core.paging import Page, keyset_page
from kefu.customers.exporting import export_customers_xlsx
from kefu.customers.forms import CustomerFilterForm, ExportRevealForm
from kefu.customers.models import Customer, Tag
from kefu.customers.presenters import masked_email, masked_phone
from kefu.customers.querysets import CustomerQuerySet
from kefu.customers.views.common import (
    AuthedRequest,
    is_partial,
    raise_for_access,
    vary_on_htmx,
    visible_customers,
)

PAGE_SIZE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CustomerRow:
    customer: Customer
    phone: str
    email: str


def listed_customers(request: AuthedRequest) -> tuple[CustomerQuerySet, CustomerFilterForm]:
    """Visible, active customers narrowed by the list's filters (list page and export)."""
    form = CustomerFilterForm(request.GET)
    return form.apply(visible_customers(request).active()), form


@login_required
@permission_required("customers.view_customer", raise_exception=True)
@require_GET
def customer_list(request: AuthedRequest) -> HttpResponse:
    qs, form = listed_customers(request)
    qs = qs.select_related("owner").prefetch_related("tags")
    cursor = request.GET.get("cursor") or None
    try:
        page: Page[Customer] = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE)
    except BadCursor:
        cursor = None
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    export_query = request.GET.copy()
    export_query.pop("cursor", None)
    user = request.user
    context = {
        "rows": [
            CustomerRow(customer=c, phone=masked_phone(c), email=masked_email(c))
            for c in page.items
        ],
        "form": form,
        "filters": request.GET,
        "next_url": next_url,
        "first_url": first_url,
        "export_query": export_query.urlencode(),
        "tag_names": list(Tag.objects.values_list("name", flat=True)[:200]),
        "reveal_form": ExportRevealForm(),
        "can_add": user.has_perm("customers.add_customer"),
        "can_import": user.has_perm("customers.import_customer"),
        "can_export": user.has_perm("customers.export_customer"),
        "can_reveal": user.has_perm("customers.reveal_personal_data"),
        "can_merge": user.has_perm("customers.merge_customer"),
        "can_grade_rules": user.has_perm("customers.view_graderule"),
    }
    template = "customers/_rows.html" if is_partial(request) else "customers/list.html"
    return vary_on_htmx(render(request, template, context))


@login_required
@require_http_methods(["GET", "POST"])
def customer_export(request: AuthedRequest) -> HttpResponse:
    """Download the filtered list as .xlsx; a POST with a reason exports full personal data."""
    if not request.user.has_perm("customers.export_customer"):
        raise PermissionDenied
    reason = ""
    if request.method == "POST":
        form = ExportRevealForm(request.POST)
        if not form.is_valid():
            return HttpResponse(
                _("Give a reason to export full personal data."),
                status=422,
                content_type="text/plain",
            )
        if not request.user.has_perm("customers.reveal_personal_data"):
            raise PermissionDenied
        reason = form.cleaned_data["reason"]
    qs, filter_form = listed_customers(request)
    cleaned = getattr(filter_form, "cleaned_data", {})
    filters = {k: v for k, v in cleaned.items() if v not in ("", None)}
    try:
        content = export_customers_xlsx(
            actor=request.user,
            queryset=qs.order_by("-id"),
            reveal_reason=reason,
            filters=filters,
        )
    except DomainError as exc:
        raise_for_access(exc)
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
    response = HttpResponse(content, content_type=XLSX_TYPE)
    patch_cache_control(response, no_store=True, private=True)
    stamp = localtime(now()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="customers-{stamp}.xlsx"'
    return response
