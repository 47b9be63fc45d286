"""Workflow step forms (流程操作表单): one form per step, built from its required fields.

A field is rendered by its key: departments and partner companies as selects, ``*_at`` as a
date-time input, satisfaction on the five-point scale, category with suggestions, long texts as
text areas. Every field is optional here: the service says what is missing, in the user's
language, so the page shows the same refusal as the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from kefu.org.choices import DepartmentKind
from kefu.org.models import Department
from kefu.tickets.choices import Satisfaction
from kefu.tickets.facts import RECORDED_FIELDS
from kefu.tickets.forms.labels import text
from kefu.tickets.services.transitions import MAX_YEAR, MIN_YEAR
from kefu.tickets.vocabulary import FIELDS, Text
from kefu.tickets.workflow import Transition

LONG_TEXTS = frozenset(
    {
        "reply",
        "cause",
        "solution",
        "requested_action",
        "major_reason",
        "return_reason",
        "reopen_reason",
        "reject_reason",
        "claim_reason",
        "repair_report",
        "penalty_evidence",
        "evaluation",
    }
)
DATETIME_INPUT = "%Y-%m-%dT%H:%M"
CATEGORY_LIST = "category-options"


def is_long_text(key: str) -> bool:
    return key in LONG_TEXTS


class ServiceDateTimeField(forms.DateTimeField):
    """A date-time of a service record: years 2000–2100 only (year 1 would not even convert
    to UTC)."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not (MIN_YEAR <= value.year <= MAX_YEAR):
            raise forms.ValidationError(_("Enter a date and time between 2000 and 2100."))


def _datetime_field(label: str) -> forms.DateTimeField:
    return ServiceDateTimeField(
        label=label,
        required=False,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )


def field_for(key: str) -> forms.Field:
    """The form field of a workflow field key (按字段键生成表单字段)."""
    label = text(FIELDS.get(key, Text(key, key)))
    if key == "responsible_department":
        return forms.ModelChoiceField(
            label=label,
            required=False,
            queryset=Department.objects.filter(is_active=True, kind=DepartmentKind.INTERNAL),
        )
    if key == "partner":
        return forms.ModelChoiceField(
            label=label,
            required=False,
            queryset=Department.objects.filter(is_active=True, kind=DepartmentKind.PARTNER),
        )
    if key.endswith("_at"):
        return _datetime_field(label)
    if key == "satisfaction":
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "—"), *Satisfaction.choices]
        )
    if key == "category":
        return forms.CharField(
            label=label,
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"list": CATEGORY_LIST, "autocomplete": "off"}),
        )
    if key in LONG_TEXTS:
        return forms.CharField(
            label=label, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.CharField(label=label, required=False, max_length=500)


class StepForm(forms.Form):
    """The form of one workflow step: its required fields, except what Kefu has on record."""

    def __init__(self, step: Transition, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        for key in step.required_fields:
            if key not in RECORDED_FIELDS:
                self.fields[key] = field_for(key)

    def values(self) -> dict[str, object]:
        """The cleaned values for the service: departments as objects, times aware."""
        data = getattr(self, "cleaned_data", {})
        return {key: data.get(key) for key in self.fields}
