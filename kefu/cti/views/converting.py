"""One click (一键转工单): a call becomes a work order, then the work order page opens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kefu.core.errors import DomainError, NotFound, NotPermitted
from kefu.cti.forms import TicketFromCallForm
from kefu.cti.links import ticket_url
from kefu.cti.models import Call
from kefu.cti.services import ticket_from_call
from kefu.cti.views.common import AuthedRequest


def _back(request: AuthedRequest) -> HttpResponse:
    """Back to the page the click came from (the console page or the call list)."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "cti:list")


@login_required
@permission_required("tickets.add_ticket", raise_exception=True)
@require_POST
def ticket_from_call_view(request: AuthedRequest, call_id: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.visible_to(request.user), call_id=call_id)
    form = TicketFromCallForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose consultation, complaint or repair."))
        return _back(request)
    try:
        ticket = ticket_from_call(
            actor=request.user,
            call=call,
            type_code=form.cleaned_data["type"],
            customer_id=form.cleaned_data["customer"],
        )
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(request)
    messages.success(request, _("Work order %(number)s is open.") % {"number": ticket.number})
    return redirect(ticket_url(ticket.number))
