"""Answered from the knowledge base (知识库解答) on a work order: the panel and its button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, is_partial, raise_for_access
from kefu.kb.forms import AnswerForm
from kefu.kb.models import Article
from kefu.kb.panel import ticket_panel
from kefu.kb.services import record_answer
from kefu.tickets.models import Ticket

PANEL_TEMPLATE = "kb/_ticket_panel.html"


def _ticket(request: AuthedRequest, number: str) -> Ticket:
    return get_object_or_404(Ticket.objects.visible_to(request.user), number=number)


def _panel(request: AuthedRequest, ticket: Ticket) -> HttpResponse:
    context = ticket_panel(ticket, request.user)
    if context is None:
        return HttpResponse("")
    return render(request, PANEL_TEMPLATE, dict(context))


def _back(request: AuthedRequest, ticket: Ticket, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    try:
        return reverse("tickets:detail", kwargs={"number": ticket.number})
    except NoReverseMatch:
        return reverse("kb:ticket_panel", kwargs={"number": ticket.number})


@login_required
@permission_required("kb.view_article", raise_exception=True)
@require_GET
def panel(request: AuthedRequest, number: str) -> HttpResponse:
    """The knowledge panel of one work order, as a fragment (htmx refresh)."""
    return _panel(request, _ticket(request, number))


@login_required
@permission_required("kb.add_knowledgeanswer", raise_exception=True)
@require_POST
def answer(request: AuthedRequest) -> HttpResponse:
    """Record that a work order was answered with an article; back to the work order (or the
    panel again, for htmx)."""
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a work order and an article."), status=422)
    ticket = _ticket(request, form.cleaned_data["ticket"])
    article = get_object_or_404(
        Article.objects.visible_to(request.user).published(), pk=form.cleaned_data["article"]
    )
    try:
        record_answer(actor=request.user, ticket=ticket, article=article)
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Recorded: answered from the knowledge base."))
    if is_partial(request):
        return _panel(request, ticket)
    return redirect(_back(request, ticket, form.cleaned_data["next"]))
