"""Customer detail (客户详情): facts, reveal, membership and stored items, grade, timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError
from kefu.customers.choices import StoredItemStatus
from kefu.customers.forms import (
    GradeOverrideForm,
    ReasonForm,
    RevealForm,
    StoredItemForm,
)
from kefu.customers.models import Customer, CustomField, StoredItem
from kefu.customers.presenters import masked_email, masked_id_number, masked_phone
from kefu.customers.services import (
    add_stored_item,
    clear_grade_override,
    find_duplicates,
    override_grade,
    reveal_personal_data,
    update_stored_item,
)
from kefu.customers.timeline import remember_grade_changes, timeline_for
from kefu.customers.views.common import (
    AuthedRequest,
    errors_to_form,
    is_partial,
    raise_for_access,
    scoped_customer,
    submitted,
    visible_customers,
)
from kefu.customers.views.form_html import errors_html, fields_html
from kefu.customers.views.timeline_html import timeline_html

GRADE_HISTORY_ROWS = 20
TIMELINE_ROWS = 50


def detail_context(request: AuthedRequest, customer: Customer, **overrides: Any) -> dict[str, Any]:
    """Everything the detail page shows; ``overrides`` replace forms with bound ones."""
    user = request.user
    # One read of the stored items for the page's list and the timeline's entries.
    prefetch_related_objects([customer], "stored_items")
    definitions = list(CustomField.objects.all())
    values = customer.custom_fields or {}
    duplicates = find_duplicates(customer, among=visible_customers(request))
    # One read of the grade changes for the page's history and the timeline's entries.
    grade_changes = remember_grade_changes(customer, max(GRADE_HISTORY_ROWS, TIMELINE_ROWS))
    timeline = timeline_for(customer, user, limit=TIMELINE_ROWS)
    context: dict[str, Any] = {
        "customer": customer,
        "phone": masked_phone(customer),
        "id_number": masked_id_number(customer),
        "email": masked_email(customer),
        "revealed": None,
        "tags": list(customer.tags.all()),
        "custom_values": [(d.label, values.get(d.key, "")) for d in definitions],
        "stored_items": list(customer.stored_items.all()),
        "grade_changes": grade_changes[:GRADE_HISTORY_ROWS],
        "duplicates": duplicates,
        "timeline": timeline,
        "timeline_html": timeline_html(timeline),
        "can_edit": user.has_perm("customers.change_customer"),
        "can_reveal": user.has_perm("customers.reveal_personal_data"),
        "can_override": user.has_perm("customers.override_grade"),
        "can_add_item": user.has_perm("customers.add_storeditem"),
        "can_change_item": user.has_perm("customers.change_storeditem"),
        "can_merge": user.has_perm("customers.merge_customer"),
        "reveal_form": RevealForm(),
        "grade_form": GradeOverrideForm(initial={"grade": customer.grade}),
        "clear_form": ReasonForm(),
        "item_form": StoredItemForm(),
    }
    context.update(overrides)
    for name in ("item_form", "grade_form", "clear_form"):
        context[f"{name}_errors"] = errors_html(context[name])
        context[f"{name}_fields"] = fields_html(context[name])
    return context


@login_required
@permission_required("customers.view_customer", raise_exception=True)
@require_GET
def customer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    customer = scoped_customer(request, pk)
    return render(request, "customers/detail.html", detail_context(request, customer))


@login_required
@permission_required("customers.reveal_personal_data", raise_exception=True)
@require_POST
def customer_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """Show the unmasked phone, ID number and email once, for a reason; audited by the service.
    The values go into this response only, never into the session."""
    customer = scoped_customer(request, pk)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            revealed = reveal_personal_data(
                actor=request.user, customer=customer, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            errors_to_form(form, exc)
    if is_partial(request):
        context = {
            "customer": customer,
            "phone": masked_phone(customer),
            "id_number": masked_id_number(customer),
            "email": masked_email(customer),
            "revealed": revealed,
            "reveal_form": form if revealed is None else RevealForm(),
            "can_reveal": True,
        }
        response = render(request, "customers/_personal_data.html", context)
    else:
        context = detail_context(
            request,
            customer,
            revealed=revealed,
            reveal_form=form if revealed is None else RevealForm(),
        )
        response = render(request, "customers/detail.html", context)
    # The unmasked values must not stay in any cache.
    patch_cache_control(response, no_store=True, private=True)
    return response


def _rerender(request: AuthedRequest, customer: Customer, **forms_: forms.Form) -> HttpResponse:
    return render(request, "customers/detail.html", detail_context(request, customer, **forms_))


def _form_action(
    request: AuthedRequest,
    pk: int,
    form_name: str,
    form_class: type[forms.Form],
    call: Callable[[Customer, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """A form posted from the detail page: back to the page when the service ``call`` went
    through, else the page again with the form (``form_name`` in the context) and its errors."""
    customer = scoped_customer(request, pk)
    form = form_class(request.POST)
    if submitted(request, form, lambda: call(customer, form.cleaned_data), success=success):
        return redirect("customers:detail", pk=customer.pk)
    return _rerender(request, customer, **{form_name: form})


@login_required
@permission_required("customers.override_grade", raise_exception=True)
@require_POST
def grade_override(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(customer: Customer, data: dict[str, Any]) -> object:
        return override_grade(
            actor=request.user, customer=customer, grade=data["grade"], reason=data["reason"]
        )

    success = _("The grade was set by hand.")
    return _form_action(request, pk, "grade_form", GradeOverrideForm, call, success)


@login_required
@permission_required("customers.override_grade", raise_exception=True)
@require_POST
def grade_clear(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(customer: Customer, data: dict[str, Any]) -> object:
        return clear_grade_override(actor=request.user, customer=customer, reason=data["reason"])

    success = _("The grade follows the rules again.")
    return _form_action(request, pk, "clear_form", ReasonForm, call, success)


@login_required
@permission_required("customers.add_storeditem", raise_exception=True)
@require_POST
def stored_item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(customer: Customer, data: dict[str, Any]) -> object:
        return add_stored_item(actor=request.user, customer=customer, data=data)

    success = _("The stored item was added.")
    return _form_action(request, pk, "item_form", StoredItemForm, call, success)


@login_required
@permission_required("customers.change_storeditem", raise_exception=True)
@require_POST
def stored_item_withdraw(request: AuthedRequest, pk: int, item_id: int) -> HttpResponse:
    """The customer takes the item back (取回)."""
    customer = scoped_customer(request, pk)
    item = get_object_or_404(StoredItem, pk=item_id, customer=customer)
    try:
        update_stored_item(
            actor=request.user, item=item, data={"status": StoredItemStatus.WITHDRAWN}
        )
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The stored item was marked as withdrawn."))
    return redirect("customers:detail", pk=customer.pk)
