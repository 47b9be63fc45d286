"""New work order (新建工单): the form, and the customer lookup it uses while typing.

``?customer=<id>&channel=phone`` fills the form in (the phone screen pop links here).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kefu.core.errors import DomainError, NotPermitted, ValidationFailed
from kefu.customers.models import Customer
from kefu.customers.presenters import masked_phone
from kefu.customers.services import customer_for_contact
from kefu.tickets.forms import TicketCreateForm
from kefu.tickets.services import create_ticket
from kefu.tickets.views.common import AuthedRequest, category_options, optional_url

LOOKUP_ROWS = 10
ALIASES = {"type_code": "type", "name": "customer_name", "phone": "customer_phone"}


def _visible_customer(request: AuthedRequest, pk: object) -> Customer | None:
    if not isinstance(pk, int) and not (isinstance(pk, str) and pk.isdigit()):
        return None
    return Customer.objects.visible_to(request.user).active().filter(pk=int(pk)).first()


def _render(
    request: AuthedRequest, form: TicketCreateForm, customer: Customer | None, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "customer": customer,
        "customer_phone": masked_phone(customer) if customer else "",
        "kb_suggest_url": optional_url("kb:suggest"),
        "category_options": category_options(),
    }
    return render(request, "tickets/new.html", context, status=status)


def _put_errors(form: TicketCreateForm, exc: DomainError) -> None:
    if isinstance(exc, NotPermitted):
        form.add_error(None, exc.message)
        return
    if not exc.fields:
        form.add_error(None, exc.message)
    for name, field_messages in exc.fields.items():
        field = ALIASES.get(name, name)
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


@login_required
@permission_required("tickets.add_ticket", raise_exception=True)
@require_http_methods(["GET", "POST"])
def ticket_create(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        customer = _visible_customer(request, request.GET.get("customer"))
        initial: dict[str, object] = {
            key: request.GET[key] for key in ("type", "channel") if request.GET.get(key)
        }
        if customer is not None:
            initial["customer"] = customer.pk
        return _render(request, TicketCreateForm(initial=initial), customer)
    data = request.POST.copy()
    if "description" not in data:  # the description box is named "q" for the KB suggestions
        data["description"] = data.get("q", "")
    form = TicketCreateForm(data)
    chosen = _visible_customer(request, request.POST.get("customer"))
    if not form.is_valid():
        return _render(request, form, chosen, 422)
    cleaned = form.cleaned_data
    try:
        with transaction.atomic():
            if cleaned.get("customer"):
                if chosen is None:
                    message = _("No customer you may see has this id.")
                    raise ValidationFailed(message, fields={"customer_phone": [message]})
                customer = chosen
            else:
                customer = customer_for_contact(
                    actor=request.user,
                    name=cleaned["customer_name"],
                    phone=cleaned["customer_phone"],
                )
            ticket = create_ticket(
                actor=request.user,
                type_code=cleaned["type"],
                customer=customer,
                channel=cleaned["channel"],
                priority=cleaned["priority"],
                category=cleaned["category"],
                title=cleaned["title"],
                description=cleaned["description"],
            )
    except DomainError as exc:
        _put_errors(form, exc)
        return _render(request, form, chosen, exc.status)
    messages.success(request, _("Work order %(number)s opened.") % {"number": ticket.number})
    return redirect("tickets:detail", number=ticket.number)


@login_required
@permission_required("tickets.add_ticket", raise_exception=True)
@require_GET
def customer_lookup(request: AuthedRequest) -> HttpResponse:
    """Customers matching the typed name, phone or last 4 digits (htmx fragment)."""
    text = (request.GET.get("customer_q") or "").strip()
    rows = []
    if text:
        found = Customer.objects.visible_to(request.user).active().search(text).order_by("id")
        rows = [(c, masked_phone(c)) for c in found[:LOOKUP_ROWS]]
    return render(request, "tickets/_customer_matches.html", {"rows": rows, "searched": bool(text)})
