"""Queue pages (队列页面) with filters, keyset pages, saved filters and bulk assignment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.clock import now
from kefu.core.cursor import BadCursor
from kefu.core.errors import DomainError
from kefu.core.paging import Page
from kefu.tickets.forms import BulkAssignForm, QueueFilterForm
from kefu.tickets.models import Ticket
from kefu.tickets.search import is_number, search_page, search_terms
from kefu.tickets.services import assign_ticket
from kefu.tickets.services.assigning import ASSIGN_PERMISSION
from kefu.tickets.views.common import AuthedRequest, visible_tickets
from kefu.tickets.views.queue_rows import queue_rows, rows_html
from kefu.tickets.views.queues import BY_KEY, Queue, by_deadline, default_queue, queues_for

PAGE_SIZE = 50


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_GET
def queue_page(request: AuthedRequest, key: str | None = None) -> HttpResponse:
    user = request.user
    offered = queues_for(user)
    queue: Queue | None
    if key is None:
        # The search box of the work order list searches everything the user may see (like
        # the API's ``q``); inside a queue the user chose, it searches that queue.
        everything = BY_KEY["all"]
        asked = bool(str(request.GET.get("q", "")).strip())
        queue = everything if asked and everything in offered else default_queue(user)
    else:
        queue = BY_KEY.get(key)
    if queue is None or queue not in offered:
        raise Http404(_("No such queue."))
    at = now()
    form = QueueFilterForm(request.GET)
    qs = (
        form.apply(queue.narrow(visible_tickets(request), user, at))
        .select_related("ticket_type", "workflow_version", "customer", "assignee", "team")
        # A definition is read once per version on the page (``WorkflowBook``), not per row.
        .defer("workflow_version__definition")
    )
    text = str(form.cleaned_data.get("q") or "").strip() if form.is_valid() else ""
    searching = bool(text) and (is_number(text) or bool(search_terms(text)))
    if text and not searching:
        messages.warning(
            request, _("Search for at least two Chinese characters, a word or a number.")
        )

    def read(cursor: str | None) -> Page[Ticket]:
        if searching:
            return search_page(qs, text, cursor=cursor, limit=PAGE_SIZE)
        return by_deadline(qs, cursor=cursor, limit=PAGE_SIZE)

    cursor = request.GET.get("cursor") or None
    try:
        page = read(cursor)
    except BadCursor:
        cursor = None
        page = read(None)
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    rows = queue_rows(page.items, at)
    can_assign = user.has_perm(ASSIGN_PERMISSION)
    context = {
        "queue": queue,
        "searching": searching,
        "queues": offered,
        "rows": rows,
        "rows_html": rows_html(rows, can_assign=can_assign),
        "form": form,
        "filters": request.GET,
        "next_url": next_url,
        "first_url": first_url,
        "can_add": user.has_perm("tickets.add_ticket"),
        "can_assign": can_assign,
        "assign_form": BulkAssignForm() if can_assign else None,
    }
    return render(request, "tickets/queue.html", context)


def _back(request: AuthedRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("tickets:queue")


@login_required
@permission_required("tickets.view_ticket", raise_exception=True)
@require_POST
def bulk_assign(request: AuthedRequest) -> HttpResponse:
    """Assign the chosen work orders: one service call each, reported together."""
    if not request.user.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied(_("You may not assign work orders."))
    numbers = request.POST.getlist("number")
    tickets = list(visible_tickets(request).filter(number__in=numbers).order_by("id"))
    form = BulkAssignForm(request.POST, numbers=[t.number for t in tickets])
    if not form.is_valid():
        why = " ".join(str(m) for errors in form.errors.values() for m in errors)
        messages.error(request, _("Nothing was assigned: %(why)s") % {"why": why})
        return _back(request)
    assignee, team = form.cleaned_data["assignee"], form.cleaned_data["team"]
    done: list[str] = []
    refused: list[str] = []
    for ticket in tickets:
        try:
            assign_ticket(actor=request.user, ticket=ticket, assignee=assignee, team=team)
        except DomainError as exc:
            problems = [m for ms in exc.fields.values() for m in ms] or [exc.message]
            refused.append(f"{ticket.number}: {' '.join(problems)}")
        else:
            done.append(ticket.number)
    if done:
        messages.success(request, _("Assigned %(count)d work orders.") % {"count": len(done)})
    for line in refused:
        messages.error(request, line)
    return _back(request)
