"""Forms of the callback console (回访表单): recording a call, a care rule, a daily target."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.accounts.roles import ROLES
from kefu.callbacks.assigning import callback_workers
from kefu.callbacks.choices import WEEKDAYS, AssigneeStrategy, RuleKind
from kefu.callbacks.models import CallbackRule
from kefu.org.models import Team
from kefu.tickets.choices import CallbackOutcome, Satisfaction
from kefu.tickets.models import TicketType


class DateInput(forms.DateInput):
    input_type = "date"


class CompleteForm(forms.Form):
    """One call for one task (登记回访), a row of the workbench."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallbackOutcome.choices)
    satisfaction = forms.ChoiceField(
        label=_("Satisfaction"),
        choices=[("", _("— not asked —")), *Satisfaction.choices],
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_callback_on = forms.DateField(label=_("Next callback"), required=False, widget=DateInput())
    close = forms.BooleanField(label=_("Close the task although not reached"), required=False)


class RuleForm(forms.Form):
    """A care rule (回访规则)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=RuleKind.choices)
    is_active = forms.BooleanField(label=_("Enabled"), required=False)
    days = forms.IntegerField(
        label=_("Days (N)"),
        min_value=0,
        max_value=366,
        help_text=_(
            "After closing: days after; work order callback: days to the due date; birthday, "
            "member day, stored items: days ahead; dormant: days without contact."
        ),
    )
    type_codes = forms.MultipleChoiceField(
        label=_("Work order types"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For callbacks of work orders; none chosen means complaints and repairs."),
    )
    interval_a_days = forms.IntegerField(
        label=_("Grade A every (days)"), min_value=0, max_value=366
    )
    interval_b_days = forms.IntegerField(
        label=_("Grade B every (days)"), min_value=0, max_value=366
    )
    interval_c_days = forms.IntegerField(
        label=_("Grade C every (days)"), min_value=0, max_value=366
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Runs on"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every day."),
    )
    assignee_strategy = forms.ChoiceField(label=_("Assign to"), choices=AssigneeStrategy.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False)
    daily_limit = forms.IntegerField(
        label=_("Tasks per run at most"), min_value=0, help_text=_("0 means no limit.")
    )
    note = forms.CharField(label=_("What to ask"), max_length=200, required=False)

    def __init__(self, *args: Any, rule: CallbackRule | None = None, **kwargs: Any) -> None:
        if rule is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(rule, name)
                for name in (
                    "name", "kind", "is_active", "days", "type_codes", "interval_a_days",
                    "interval_b_days", "interval_c_days", "weekdays", "assignee_strategy",
                    "team", "daily_limit", "note",
                )
            }  # fmt: skip
        elif "initial" not in kwargs:
            kwargs["initial"] = {
                "is_active": True, "days": 7, "interval_a_days": 30, "interval_b_days": 90,
                "interval_c_days": 180, "daily_limit": 0,
            }  # fmt: skip
        super().__init__(*args, **kwargs)
        field = self.fields["type_codes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(t.code, str(t)) for t in TicketType.objects.order_by("code")]

    def data_for_service(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class TargetForm(forms.Form):
    """A daily target for a person or a role (每日目标)."""

    user = forms.ModelChoiceField(label=_("Person"), queryset=callback_workers(), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)
    callbacks_per_day = forms.IntegerField(label=_("Callbacks a day"), min_value=0, max_value=1000)
    new_customers_per_day = forms.IntegerField(
        label=_("New customers a day"), min_value=0, max_value=1000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((r.code, r.label) for r in ROLES)]
