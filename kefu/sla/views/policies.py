"""SLA policy pages (服务时限标准页面): the list, and a form to add or change one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kefu.core.errors import DomainError
from kefu.sla.models import BusinessCalendar, SlaPolicy
from kefu.sla.policies import ESCALATION_ROLES, GRADES, save_policy
from kefu.sla.views.common import AuthedRequest

VIEW_POLICY = "sla.view_slapolicy"
LEVELS = {
    "supervisor": gettext_lazy("Supervisor"),
    "manager": gettext_lazy("Customer service manager"),
    "senior_manager": gettext_lazy("Senior manager"),
}
ANY = [("", gettext_lazy("Any"))]


def _type_choices() -> list[tuple[str, object]]:
    from django.apps import apps

    kinds = apps.get_model("tickets", "TicketType").objects.order_by("id")
    return ANY + [(kind.code, kind.name_zh) for kind in kinds]


class PolicyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=100)
    ticket_type = forms.ChoiceField(label=gettext_lazy("work order type"), required=False)
    priority = forms.ChoiceField(
        label=gettext_lazy("priority"),
        required=False,
        choices=ANY + [("urgent", gettext_lazy("Urgent")), ("high", gettext_lazy("High")),
                       ("medium", gettext_lazy("Medium")), ("low", gettext_lazy("Low"))],
    )  # fmt: skip
    customer_grade = forms.ChoiceField(
        label=gettext_lazy("customer grade"), required=False, choices=ANY + [(g, g) for g in GRADES]
    )
    calendar = forms.ModelChoiceField(
        label=gettext_lazy("calendar"),
        queryset=BusinessCalendar.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Around the clock"),
    )
    first_response_minutes = forms.IntegerField(
        label=gettext_lazy("first response within (minutes)"), min_value=1
    )
    resolve_minutes = forms.IntegerField(
        label=gettext_lazy("resolve within (minutes)"), min_value=1
    )
    warn_percent = forms.IntegerField(
        label=gettext_lazy("warn at (percent of the time)"), min_value=1, max_value=99
    )
    escalate_every_minutes = forms.IntegerField(
        label=gettext_lazy("escalate again every (minutes)"), min_value=1
    )
    escalation_chain = forms.MultipleChoiceField(
        label=gettext_lazy("escalation chain"),
        choices=[(code, LEVELS[code]) for code in ESCALATION_ROLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=gettext_lazy("active"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["ticket_type"].choices = _type_choices()  # type: ignore[attr-defined]


def _initial(policy: SlaPolicy | None) -> dict[str, object]:
    if policy is None:
        return {"warn_percent": 80, "escalate_every_minutes": 60, "is_active": True,
                "escalation_chain": list(ESCALATION_ROLES)}  # fmt: skip
    return {
        "name": policy.name, "ticket_type": policy.ticket_type, "priority": policy.priority,
        "customer_grade": policy.customer_grade, "calendar": policy.calendar,
        "first_response_minutes": policy.first_response_minutes,
        "resolve_minutes": policy.resolve_minutes, "warn_percent": policy.warn_percent,
        "escalate_every_minutes": policy.escalate_every_minutes,
        "escalation_chain": list(policy.escalation_chain), "is_active": policy.is_active,
    }  # fmt: skip


@login_required
@permission_required(VIEW_POLICY, raise_exception=True)
def policy_list(request: AuthedRequest) -> HttpResponse:
    policies = SlaPolicy.objects.select_related("calendar").order_by(
        "ticket_type", "priority", "id"
    )
    types = dict(_type_choices())
    rows = [
        {
            "policy": p,
            "type": types.get(p.ticket_type, p.ticket_type) if p.ticket_type else None,
            "chain": [LEVELS.get(level, level) for level in p.escalation_chain],
        }
        for p in policies
    ]
    return render(
        request,
        "sla/policy_list.html",
        {"rows": rows, "can_change": request.user.has_perm("sla.change_slapolicy")},
    )


@login_required
@permission_required("sla.change_slapolicy", raise_exception=True)
@require_http_methods(["GET", "POST"])
def policy_edit(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy, pk=pk) if pk is not None else None
    form = PolicyForm(request.POST or None, initial=_initial(policy))
    if request.method == "POST" and form.is_valid():
        try:
            save_policy(actor=request.user, policy=policy, data=dict(form.cleaned_data))
        except DomainError as exc:
            form.add_error(None, exc.message)
            for name, problems in exc.fields.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(request, _("The SLA policy was saved."))
            return redirect("sla:policies")
    return render(request, "sla/policy_edit.html", {"form": form, "policy": policy})
