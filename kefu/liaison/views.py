"""Contact order pages (工作联系单页面): the inbox, one order with the addressee's steps, PDFs.

Everything reads through ``ContactOrder.objects.visible_to``: an order outside the user's scope
is 404. The addressee's steps call ``kefu.tickets.services.apply_transition``; a refusal is
shown with its message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core import clock
from kefu.core.cursor import BadCursor
from kefu.core.errors import DomainError
from kefu.core.paging import keyset_page
from kefu.liaison.documents import contact_order_pdf, opinion_form_pdf
from kefu.liaison.forms import StepForm
from kefu.liaison.models import ContactOrder
from kefu.liaison.panels import has_opinion_form
from kefu.liaison.pdf import pdf_response
from kefu.liaison.presenters import (
    customer_phone,
    order_row,
    state_label,
    step_label,
    ticket_url,
)
from kefu.liaison.querysets import ContactOrderQuerySet
from kefu.liaison.steps import addressee_steps
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition

PAGE_SIZE = 25
SHOWS = ("open", "closed", "all")


def _visible(request: HttpRequest) -> ContactOrderQuerySet:
    return ContactOrder.objects.visible_to(request.user).select_related(
        "ticket", "ticket__customer", "ticket__ticket_type", "addressed_to"
    )


def _order(request: HttpRequest, number: str) -> ContactOrder:
    return get_object_or_404(
        _visible(request).select_related(
            "ticket__workflow_version", "issued_by", "answered_by", "acknowledged_by"
        ),
        number=number,
    )


@login_required
@permission_required("liaison.view_contactorder", raise_exception=True)
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    """The inbox: open orders first by reply deadline; answered and cancelled ones apart."""
    show = request.GET.get("show", "open")
    if show not in SHOWS:
        show = "open"
    qs = _visible(request)
    if show == "open":
        qs, order = qs.open(), "reply_by"
    elif show == "closed":
        qs, order = qs.closed(), "-id"
    else:
        order = "-id"
    cursor = request.GET.get("cursor") or None
    try:
        page = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE, order=order)
    except BadCursor:
        cursor = None
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order=order)
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    at = clock.now()
    return render(
        request,
        "liaison/list.html",
        {
            "rows": [order_row(order, at) for order in page.items],
            "show": show,
            "sees_all": request.user.has_perm("tickets.view_all_tickets"),
            "next_url": next_url,
            "first_url": first_url,
        },
    )


def _detail(
    request: HttpRequest,
    order: ContactOrder,
    *,
    failed: StepForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    ticket = order.ticket
    steps = addressee_steps(request.user, order)
    forms = [
        failed
        if failed is not None and failed.transition.code == step.code
        else StepForm(step, initial={"expected_state": ticket.state}, auto_id=f"id_{step.code}_%s")
        for step in steps
    ]
    others = (
        ContactOrder.objects.visible_to(request.user)
        .filter(ticket=ticket)
        .exclude(pk=order.pk)
        .select_related("addressed_to")
        .order_by("-id")
    )
    at = clock.now()
    return render(
        request,
        "liaison/detail.html",
        {
            "row": order_row(order, at),
            "order": order,
            "ticket": ticket,
            "ticket_state": state_label(ticket),
            "ticket_url": ticket_url(ticket),
            "customer_phone": customer_phone(ticket),
            "step_forms": forms,
            "error": error,
            "others": [order_row(other, at) for other in others],
            "has_opinion_form": has_opinion_form(ticket),
        },
        status=status,
    )


@login_required
@permission_required("liaison.view_contactorder", raise_exception=True)
@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _detail(request, _order(request, number))


@login_required
@permission_required("liaison.view_contactorder", raise_exception=True)
@require_POST
def order_step(request: HttpRequest, number: str, code: str) -> HttpResponse:
    """Take one of the addressee's workflow steps on the order's work order."""
    order = _order(request, number)
    step = next((s for s in addressee_steps(request.user, order) if s.code == code), None)
    if step is None:
        raise PermissionDenied
    form = StepForm(step, request.POST, auto_id=f"id_{step.code}_%s")
    if not form.is_valid():
        return _detail(request, order, failed=form, status=422)
    ticket = Ticket.objects.get(pk=order.ticket_id)
    ticket.state = form.cleaned_data["expected_state"]  # the state the user saw
    try:
        apply_transition(
            actor=request.user, ticket=ticket, transition=code, fields=form.step_fields()
        )
    except DomainError as exc:
        for name, field_messages in exc.fields.items():
            for message in field_messages:
                form.add_error(name if name in form.fields else None, message)
        order.refresh_from_db()
        return _detail(request, order, failed=form, error=exc.message, status=exc.status)
    messages.success(request, _("Done: %(step)s.") % {"step": step_label(step)})
    return redirect("liaison:detail", number=order.number)


@login_required
@permission_required("liaison.view_contactorder", raise_exception=True)
@require_GET
def order_pdf(request: HttpRequest, number: str) -> HttpResponse:
    order = _order(request, number)
    return pdf_response(contact_order_pdf(order), f"{order.number}.pdf")


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_GET
def opinion_form(request: HttpRequest, number: str) -> HttpResponse:
    """The customer opinion form (顾客意见处理单) of a complaint the user may see."""
    ticket = get_object_or_404(
        Ticket.objects.visible_to(request.user).select_related(
            "ticket_type", "workflow_version", "customer", "department", "created_by"
        ),
        number=number,
    )
    if not has_opinion_form(ticket):
        raise Http404(_("Only complaints have a customer opinion form."))
    return pdf_response(opinion_form_pdf(ticket), f"{ticket.number}-opinion.pdf")
