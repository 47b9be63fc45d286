"""Duplicates and merge (重复客户与合并): groups sharing a phone or email; merge keeps history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError
from kefu.customers.forms import MergeForm
from kefu.customers.models import Customer
from kefu.customers.presenters import masked_email, masked_phone
from kefu.customers.services import duplicate_groups, merge_customers
from kefu.customers.views.common import AuthedRequest, raise_for_access, visible_customers
from kefu.customers.views.listing import CustomerRow

GROUPS_SHOWN = 50


@login_required
@permission_required("customers.merge_customer", raise_exception=True)
@require_GET
def duplicate_list(request: AuthedRequest) -> HttpResponse:
    groups = duplicate_groups(limit=GROUPS_SHOWN)
    ids = [c.pk for group in groups for c in group]
    shown = set(visible_customers(request).filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for group in groups:
        members = [
            CustomerRow(customer=c, phone=masked_phone(c), email=masked_email(c))
            for c in group
            if c.pk in shown
        ]
        if len(members) > 1:
            rows.append(members)
    return render(request, "customers/duplicates.html", {"groups": rows})


@login_required
@permission_required("customers.merge_customer", raise_exception=True)
@require_POST
def merge(request: AuthedRequest) -> HttpResponse:
    """Merge ``remove`` into ``keep`` (both must be visible), then show the kept customer."""
    form = MergeForm(request.POST)
    keep_id = request.POST.get("keep", "")
    from_list = request.POST.get("back") == "duplicates" or not keep_id.isdigit()

    def back() -> HttpResponse:
        if from_list:
            return redirect("customers:duplicates")
        return redirect("customers:detail", pk=int(keep_id))

    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back()
    scope = visible_customers(request).active()
    try:
        keep = scope.get(pk=form.cleaned_data["keep"])
        remove = scope.get(pk=form.cleaned_data["remove"])
    except Customer.DoesNotExist as exc:
        raise Http404 from exc
    try:
        merge_customers(
            actor=request.user, keep=keep, remove=remove, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        raise_for_access(exc)
        for text in [m for ms in exc.fields.values() for m in ms] or [exc.message]:
            messages.error(request, text)
        return back()
    messages.success(
        request, _("%(removed)s was merged into %(kept)s.") % {"removed": remove, "kept": keep}
    )
    return redirect("customers:detail", pk=keep.pk)
