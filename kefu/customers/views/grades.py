"""Grade rules (等级规则): thresholds per grade, and "recompute now"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kefu.customers.forms import GradeRulesForm
from kefu.customers.models import GradeRule
from kefu.customers.services import recompute_grades, update_grade_rules
from kefu.customers.views.common import AuthedRequest, submitted


@login_required
@permission_required("customers.view_graderule", raise_exception=True)
@require_http_methods(["GET", "POST"])
def grade_rules(request: AuthedRequest) -> HttpResponse:
    rules = list(GradeRule.objects.all())
    can_change = request.user.has_perm("customers.change_graderule")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = GradeRulesForm(request.POST, rules=rules)

        def call() -> None:
            update_grade_rules(actor=request.user, thresholds=form.thresholds())

        aliases = {g: f"spend_{g}" for g in form.grades}
        success = _("The grade rules were saved.")
        if submitted(request, form, call, success=success, aliases=aliases):
            return redirect("customers:grade_rules")
    else:
        form = GradeRulesForm(rules=rules)
    return render(
        request,
        "customers/grade_rules.html",
        {"form": form, "rules": rules, "can_change": can_change},
    )


@login_required
@permission_required("customers.change_graderule", raise_exception=True)
@require_POST
def grade_recompute(request: AuthedRequest) -> HttpResponse:
    changed = recompute_grades(actor=request.user)
    messages.success(
        request,
        ngettext(
            "Grades recomputed: %(count)d customer changed grade.",
            "Grades recomputed: %(count)d customers changed grade.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("customers:grade_rules")
