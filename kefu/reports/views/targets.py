"""KPI targets page (考核目标): every KPI with its target; managers set them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kefu.core.errors import DomainError
from kefu.reports.figures import DEFAULT_DIRECTIONS, KPI_CODES, kpi_labels, targets, unit_of
from kefu.reports.forms import TargetForm
from kefu.reports.services import TARGET_PERMISSION, set_target
from kefu.reports.views.common import VIEW_PERMISSION, AuthedRequest


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
def target_list(request: AuthedRequest) -> HttpResponse:
    can_edit = request.user.has_perm(TARGET_PERMISSION)
    failed: TargetForm | None = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("You may not set KPI targets."))
        form = TargetForm(request.POST)
        if form.is_valid():
            try:
                set_target(
                    actor=request.user,
                    code=form.cleaned_data["code"],
                    target=form.cleaned_data["target"],
                    direction=form.cleaned_data["direction"],
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The target was saved."))
                return redirect("reports:targets")
        else:
            failed = form
    labels, goals = kpi_labels(), targets()
    rows = []
    for code in KPI_CODES:
        goal = goals.get(code)
        initial = {
            "code": code,
            "target": goal.target if goal else None,
            "direction": goal.direction if goal else DEFAULT_DIRECTIONS.get(code, "higher"),
        }
        shown = failed if failed is not None and failed.data.get("code") == code else None
        rows.append(
            {
                "code": code,
                "label": labels[code],
                "unit": unit_of(code),
                "goal": goal,
                "form": (shown or TargetForm(initial=initial)) if can_edit else None,
            }
        )
    return render(
        request, "reports/targets.html", {"rows": rows, "can_edit": can_edit, "tab": "targets"}
    )
