"""Form of the service error page (服务差错表单). Shapes only; the service checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.quality.choices import ErrorType, Severity


class ServiceErrorForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Occurred on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ticket = forms.CharField(
        label=_("Work order number"),
        max_length=32,
        required=False,
        help_text=_("E.g. TS20261123-0007. Leave empty for an error of a person alone."),
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
    )
    error_type = forms.ChoiceField(label=_("Error type"), choices=ErrorType.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description = forms.CharField(
        label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
