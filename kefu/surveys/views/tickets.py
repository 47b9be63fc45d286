"""Sending the survey of one work order (发送工单满意度调查) from its page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, is_partial, raise_for_access
from kefu.surveys.forms import SendSurveyForm
from kefu.surveys.panel import ticket_panel
from kefu.surveys.services import invite_for_ticket
from kefu.tickets.models import Ticket

PANEL_TEMPLATE = "surveys/_ticket_panel.html"


def _ticket(request: AuthedRequest, number: str) -> Ticket:
    return get_object_or_404(Ticket.objects.visible_to(request.user), number=number)


def _panel(request: AuthedRequest, ticket: Ticket) -> HttpResponse:
    context = ticket_panel(ticket, request.user)
    if context is None:
        return HttpResponse("")
    return render(request, PANEL_TEMPLATE, {**context, "ctx": context})


@login_required
@permission_required("surveys.view_surveyinvitation", raise_exception=True)
@require_GET
def panel(request: AuthedRequest, number: str) -> HttpResponse:
    """The survey panel of one work order, as a fragment."""
    return _panel(request, _ticket(request, number))


@login_required
@permission_required("surveys.add_surveyinvitation", raise_exception=True)
@require_POST
def send_for_ticket(request: AuthedRequest, number: str) -> HttpResponse:
    """Send the work order's customer the survey link; back to the work order."""
    ticket = _ticket(request, number)
    form = SendSurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose SMS or email."))
    else:
        try:
            invite_for_ticket(
                actor=request.user, ticket=ticket, channel=form.cleaned_data["channel"]
            )
        except DomainError as exc:
            raise_for_access(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Survey link sent to the customer."))
    if is_partial(request):
        return _panel(request, ticket)
    return redirect("tickets:detail", number=ticket.number)
