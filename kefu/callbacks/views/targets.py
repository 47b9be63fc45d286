"""Daily targets page (每日目标): per role and per person, set by supervisors and managers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kefu.accounts.roles import role
from kefu.callbacks.forms import TargetForm
from kefu.callbacks.models import CallbackTarget
from kefu.callbacks.progress import DEFAULT_CALLBACKS, DEFAULT_NEW_CUSTOMERS
from kefu.callbacks.services import set_target
from kefu.callbacks.views.common import AuthedRequest
from kefu.core.errors import DomainError
from kefu.customers.views.common import errors_to_form


@login_required
@permission_required("callbacks.view_callbacktarget", raise_exception=True)
@require_http_methods(["GET", "POST"])
def targets(request: AuthedRequest) -> HttpResponse:
    can_change = request.user.has_perm("callbacks.change_callbacktarget")
    form = TargetForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                set_target(
                    actor=request.user,
                    user=data["user"],
                    role=data["role"],
                    callbacks_per_day=data["callbacks_per_day"],
                    new_customers_per_day=data["new_customers_per_day"],
                )
            except DomainError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The daily target was saved."))
                return redirect("callbacks:targets")
    rows = [
        {
            "target": target,
            "who": str(target.user) if target.user_id else str(role(target.role).label),
            "is_role": not target.user_id,
        }
        for target in CallbackTarget.objects.select_related("user").order_by("role", "user_id")
    ]
    return render(
        request,
        "callbacks/targets.html",
        {
            "rows": rows,
            "form": form,
            "can_change": can_change,
            "default_callbacks": DEFAULT_CALLBACKS,
            "default_customers": DEFAULT_NEW_CUSTOMERS,
        },
    )
