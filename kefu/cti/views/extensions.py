"""Agent extensions (坐席分机): which agent answers at which extension; administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kefu.core.errors import DomainError, NotFound
from kefu.cti.forms import ExtensionForm
from kefu.cti.models import AgentExtension
from kefu.cti.services import assign_extension, remove_extension
from kefu.cti.views.common import AuthedRequest


@login_required
@permission_required("cti.change_agentextension", raise_exception=True)
@require_http_methods(["GET", "POST"])
def extension_list(request: AuthedRequest) -> HttpResponse:
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            held = assign_extension(
                actor=request.user,
                user=form.cleaned_data["user"],
                extension=form.cleaned_data["extension"],
            )
        except DomainError as exc:
            if not exc.fields:
                form.add_error(None, exc.message)
            for name, field_messages in exc.fields.items():
                for message in field_messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Extension %(extension)s now rings %(agent)s.")
                % {"extension": held.extension, "agent": held.user},
            )
            return redirect("cti:extensions")
    extensions = AgentExtension.objects.select_related("user").order_by("extension")
    return render(request, "cti/extensions.html", {"form": form, "extensions": extensions})


@login_required
@permission_required("cti.change_agentextension", raise_exception=True)
@require_POST
def extension_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        remove_extension(actor=request.user, extension_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("The extension was removed."))
    return redirect("cti:extensions")
