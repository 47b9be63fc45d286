"""Care rules pages (回访规则): list, create, edit, run now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kefu.callbacks.choices import NEEDS_CONSENT, WEEKDAYS
from kefu.callbacks.days import local_today
from kefu.callbacks.forms import RuleForm
from kefu.callbacks.models import CallbackRule
from kefu.callbacks.services import run_rules, save_rule
from kefu.callbacks.views.common import AuthedRequest
from kefu.core.errors import DomainError
from kefu.customers.views.common import errors_to_form

DAY_NAMES = dict(WEEKDAYS)


@login_required
@permission_required("callbacks.view_callbackrule", raise_exception=True)
def rule_list(request: AuthedRequest) -> HttpResponse:
    rules = list(CallbackRule.objects.select_related("team").order_by("kind", "id"))
    rows = [
        {
            "rule": rule,
            "weekdays": "、".join(str(DAY_NAMES[d]) for d in rule.weekdays if d in DAY_NAMES),
            "needs_consent": rule.kind in NEEDS_CONSENT,
        }
        for rule in rules
    ]
    return render(
        request,
        "callbacks/rules.html",
        {"rows": rows, "can_change": request.user.has_perm("callbacks.change_callbackrule")},
    )


@login_required
@permission_required("callbacks.view_callbackrule", raise_exception=True)
@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    rule = get_object_or_404(CallbackRule, pk=pk) if pk is not None else None
    perm = "callbacks.change_callbackrule" if rule else "callbacks.add_callbackrule"
    can_change = request.user.has_perm(perm)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = RuleForm(request.POST, rule=rule)
        if form.is_valid():
            try:
                saved = save_rule(actor=request.user, data=form.data_for_service(), rule=rule)
            except DomainError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The rule %(name)s was saved.") % {"name": saved})
                return redirect("callbacks:rules")
    else:
        form = RuleForm(rule=rule)
    return render(
        request, "callbacks/rule_form.html", {"form": form, "rule": rule, "can_change": can_change}
    )


@login_required
@permission_required("callbacks.change_callbackrule", raise_exception=True)
@require_POST
def run_now(request: AuthedRequest) -> HttpResponse:
    """Run every active rule for today now (a rerun creates nothing twice)."""
    runs = run_rules(day=local_today(), actor=request.user)
    created = sum(run.created for run in runs)
    messages.success(
        request, _("Rules run for today: %(count)d tasks created.") % {"count": created}
    )
    return redirect("callbacks:rules")
