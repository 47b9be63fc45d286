"""Shared pieces of the record views (附属记录页面公共件): scoped work order, panel answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, is_partial, raise_for_access, vary_on_htmx
from kefu.tickets.models import Ticket
from kefu.tickets.record_panel import records_context

PANEL = "tickets/records/_panel.html"


def scoped_ticket(request: AuthedRequest, number: str) -> Ticket:
    """The work order ``number`` if the user may see it, else 404 (never 403)."""
    return get_object_or_404(
        Ticket.objects.visible_to(request.user).select_related("customer", "ticket_type"),
        number=number,
    )


def work_order_url(request: AuthedRequest, number: str) -> str:
    """Where to go back after a plain (non-htmx) post: the ``next`` page if it is ours, the
    work order page if the console has one, else the records page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    try:
        return reverse("tickets:detail", args=[number])
    except NoReverseMatch:
        return reverse("ticket_records:page", args=[number])


def answer(
    request: AuthedRequest,
    ticket: Ticket,
    *,
    done: str = "",
    section: str = "",
    error: DomainError | None = None,
    **extra: object,
) -> HttpResponse:
    """After an action: htmx gets the panel again (with the section's error if refused), a
    plain post a message and a redirect back."""
    if error is not None:
        raise_for_access(error)
    if is_partial(request):
        errors = {section: error.message} if error is not None else {}
        fresh = Ticket.objects.select_related("customer", "ticket_type").get(pk=ticket.pk)
        context = records_context(fresh, request.user, errors=errors, **extra)
        response = render(request, PANEL, {"ctx": context, "flash": done})
        return vary_on_htmx(response)
    if error is not None:
        messages.error(request, error.message)
    elif done:
        messages.success(request, done)
    return redirect(work_order_url(request, ticket.number))
