"""Service error pages (服务差错页面): the list (in the user's scope) and the register form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kefu.core.cursor import BadCursor
from kefu.core.errors import DomainError, ValidationFailed
from kefu.core.paging import keyset_page
from kefu.quality.forms import ServiceErrorForm
from kefu.quality.models import ServiceError
from kefu.quality.services import register_error
from kefu.tickets.models import Ticket

PAGE_SIZE = 25


@login_required
@permission_required("quality.view_serviceerror", raise_exception=True)
@require_http_methods(["GET", "POST"])
def error_list(request: HttpRequest) -> HttpResponse:
    """Service errors (服务差错): newest first; QA, supervisors and managers register here."""
    may_register = request.user.has_perm("quality.add_serviceerror")
    form = ServiceErrorForm(request.POST or None) if may_register else None
    status = 200
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            data = form.cleaned_data
            number = data["ticket"].strip()
            ticket = Ticket.objects.visible_to(request.user).filter(number=number).first()
            try:
                if number and ticket is None:
                    message = _("Work order not found.")
                    raise ValidationFailed(message, fields={"ticket": [message]})
                register_error(
                    actor=request.user,
                    occurred_on=data["occurred_on"],
                    ticket=ticket,
                    person=data["person"],
                    error_type=data["error_type"],
                    severity=data["severity"],
                    description=data["description"],
                )
            except DomainError as exc:
                for field, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
                messages.error(request, exc.message)
                status = 422
            else:
                messages.success(request, _("Service error registered."))
                return redirect("quality:list")
        else:
            status = 422
    qs = ServiceError.objects.visible_to(request.user).select_related(
        "ticket", "person", "registered_by"
    )
    if request.GET.get("error", "").isdigit():
        qs = qs.filter(pk=int(request.GET["error"]))
    cursor = request.GET.get("cursor") or None
    try:
        page = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE, order="-id")
    except BadCursor:
        cursor = None
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order="-id")
    query = request.GET.copy()
    query.pop("cursor", None)
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    return render(
        request,
        "quality/list.html",
        {
            "errors": page.items,
            "form": form,
            "sees_all": request.user.has_perm("quality.view_all_serviceerrors"),
            "next_url": next_url,
            "first_url": "?" if cursor else None,
        },
        status=status,
    )
