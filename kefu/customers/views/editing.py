"""Create and edit customers (新建/编辑客户). The form checks shapes, the service the rules;
on a refusal the form comes back with every value the user typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kefu.core.errors import DomainError
from kefu.customers.forms import CustomerForm
from kefu.customers.models import Customer, CustomField
from kefu.customers.services import create_customer, update_customer
from kefu.customers.views.common import (
    AuthedRequest,
    errors_to_form,
    scoped_customer,
    submitted,
)


def _render(request: AuthedRequest, form: CustomerForm, customer: Customer | None) -> HttpResponse:
    return render(request, "customers/form.html", {"form": form, "customer": customer})


@login_required
@permission_required("customers.add_customer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def customer_create(request: AuthedRequest) -> HttpResponse:
    definitions = list(CustomField.objects.all())
    if request.method != "POST":
        return _render(request, CustomerForm(custom_fields=definitions), None)
    form = CustomerForm(request.POST, custom_fields=definitions)
    if form.is_valid():
        try:
            customer = create_customer(actor=request.user, data=form.service_data())
        except DomainError as exc:
            errors_to_form(form, exc, form.error_aliases())
        else:
            messages.success(request, _("The customer was created."))
            return redirect("customers:detail", pk=customer.pk)
    return _render(request, form, None)


@login_required
@permission_required("customers.change_customer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def customer_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    customer = scoped_customer(request, pk)
    definitions = list(CustomField.objects.all())
    if request.method != "POST":
        return _render(
            request, CustomerForm(custom_fields=definitions, customer=customer), customer
        )
    form = CustomerForm(request.POST, custom_fields=definitions, customer=customer)

    def call() -> object:
        return update_customer(actor=request.user, customer=customer, data=form.service_data())

    success = _("The customer was saved.")
    if submitted(request, form, call, success=success, aliases=form.error_aliases()):
        return redirect("customers:detail", pk=customer.pk)
    return _render(request, form, customer)
