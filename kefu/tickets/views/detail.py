"""Work order page (工单详情): header, history, the workflow steps the user may take, the
callback form and the panels other apps register. A refused step comes back with its reason
and every value the user typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.clock import now
from kefu.core.errors import DomainError, NotFound
from kefu.customers.presenters import masked_phone
from kefu.tickets.forms import CallbackForm, StepForm
from kefu.tickets.forms.labels import pick, type_name
from kefu.tickets.models import Ticket
from kefu.tickets.panels import render_panels
from kefu.tickets.record_querysets import events_visible_to
from kefu.tickets.services import (
    apply_transition,
    needs_callback,
    offered_steps,
    record_callback,
)
from kefu.tickets.views.common import AuthedRequest, category_options, scoped_ticket
from kefu.tickets.views.present import (
    EventReader,
    due_text,
    is_overdue,
    state_label,
    status_label,
)
from kefu.tickets.workflow import Transition, Workflow


@dataclass
class StepView:
    """A workflow step as a button, and its form when it is open."""

    step: Transition
    label: str
    offered: bool
    form: StepForm | None = None


def _steps(
    ticket: Ticket, workflow: Workflow, user: Any, open_code: str, form: StepForm | None
) -> list[StepView]:
    """The steps offered now, then any other outgoing step the user holds the permission for
    (shown apart: the service will say why it is not possible yet)."""
    offered = offered_steps(ticket, user)
    codes = {move.code for move in offered}
    others = [
        move
        for move in workflow.outgoing(ticket.state)
        if move.code not in codes and user.has_perm(move.permission)
    ]
    views = []
    for move in [*offered, *others]:
        view = StepView(move, pick(move.label_zh, move.label_en), move.code in codes)
        if move.code == open_code:
            view.form = form or StepForm(move)
        views.append(view)
    return views


def _first_step(steps: list[StepView]) -> str:
    """The step the ``r`` key opens: replying to the customer if offered, else the first."""
    codes = [s.step.code for s in steps if s.offered]
    return "reply" if "reply" in codes else (codes[0] if codes else "")


def _context(
    request: AuthedRequest,
    ticket: Ticket,
    *,
    open_step: str = "",
    step_form: StepForm | None = None,
    callback_form: CallbackForm | None = None,
    refusal: str = "",
) -> dict[str, Any]:
    user = request.user
    workflow = ticket.workflow_version.workflow()
    at = now()
    events = events_visible_to(ticket.events.select_related("actor").order_by("id"), user)
    steps = _steps(ticket, workflow, user, open_step, step_form)
    waits_for_callback = needs_callback(ticket, workflow)
    return {
        "ticket": ticket,
        "type_label": type_name(ticket.ticket_type),
        "state_label": state_label(workflow, ticket.state),
        "status_label": status_label(ticket.status_category),
        "phone": masked_phone(ticket.customer),
        "due": due_text(ticket.next_due_at, at),
        "overdue": is_overdue(ticket, at),
        "history": EventReader(workflow, events).all(),
        "steps": [s for s in steps if s.offered],
        "first_step": _first_step(steps),
        "blocked_steps": [s for s in steps if not s.offered],
        "open_step": next((s for s in steps if s.form is not None), None),
        "needs_callback": waits_for_callback,
        "can_callback": waits_for_callback and user.has_perm("tickets.reply_ticket"),
        "callback_form": callback_form or CallbackForm(),
        "refusal": refusal,
        "panels": render_panels(ticket, request),
        "category_options": category_options(),
    }


def _render(
    request: AuthedRequest, ticket: Ticket, status: int = 200, **overrides: Any
) -> HttpResponse:
    return render(
        request, "tickets/detail.html", _context(request, ticket, **overrides), status=status
    )


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_GET
def ticket_detail(request: AuthedRequest, number: str) -> HttpResponse:
    ticket = scoped_ticket(request, number)
    open_step = request.GET.get("step", "")
    return _render(request, ticket, open_step=open_step)


def _refused(form: forms.Form, exc: DomainError) -> str:
    """Put the service's per-field messages on the form; the whole message is the refusal."""
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc
    for name, field_messages in exc.fields.items():
        for message in field_messages:
            form.add_error(name if name in form.fields else None, message)
    return exc.message


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_POST
def take_step(request: AuthedRequest, number: str, code: str) -> HttpResponse:
    """Apply one workflow step with its form (执行流程操作)."""
    ticket = scoped_ticket(request, number)
    move = ticket.workflow_version.workflow().transition(code)
    if move is None:
        raise Http404(_("The workflow has no such step."))
    form = StepForm(move, request.POST)
    if not form.is_valid():
        return _render(
            request,
            ticket,
            422,
            open_step=code,
            step_form=form,
            refusal=_("Please correct the marked fields."),
        )
    ticket.state = request.POST.get("expected_state") or ticket.state  # the state the user saw
    try:
        apply_transition(actor=request.user, ticket=ticket, transition=code, fields=form.values())
    except DomainError as exc:
        refusal = _refused(form, exc)
        ticket = scoped_ticket(request, number)
        return _render(request, ticket, exc.status, open_step=code, step_form=form, refusal=refusal)
    messages.success(request, _("Done: %(step)s.") % {"step": pick(move.label_zh, move.label_en)})
    try:
        return redirect("tickets:detail", number=scoped_ticket(request, number).number)
    except Http404:  # the step sent the work order out of the user's scope
        return redirect("tickets:queue")


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_POST
def callback(request: AuthedRequest, number: str) -> HttpResponse:
    """Record a callback (登记回访) on a work order waiting for it."""
    ticket = scoped_ticket(request, number)
    if not request.user.has_perm("tickets.reply_ticket"):
        raise PermissionDenied(_("You may not record callbacks."))
    form = CallbackForm(request.POST)
    if not form.is_valid():
        return _render(
            request,
            ticket,
            422,
            callback_form=form,
            refusal=_("Please correct the marked fields."),
        )
    try:
        record_callback(
            actor=request.user,
            ticket=ticket,
            outcome=form.cleaned_data["outcome"],
            satisfaction=form.cleaned_data["satisfaction"],
            notes=form.cleaned_data["notes"],
        )
    except DomainError as exc:
        refusal = _refused(form, exc)
        return _render(request, ticket, exc.status, callback_form=form, refusal=refusal)
    messages.success(request, _("The callback was recorded."))
    return redirect("tickets:detail", number=ticket.number)
