"""Callback form (回访登记表): outcome, satisfaction and notes of one callback."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.tickets.choices import CallbackOutcome, Satisfaction


class CallbackForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Callback outcome"), choices=CallbackOutcome.choices)
    satisfaction = forms.ChoiceField(
        label=_("Customer satisfaction"),
        required=False,
        choices=[("", "—"), *Satisfaction.choices],
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
