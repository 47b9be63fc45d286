"""New work order form (新建工单表单): type, customer, channel, priority, category, text.

The customer is either one found by the lookup (``customer``, an id) or given by name and
phone, which the customers app matches by phone or creates.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.tickets.choices import Channel, Priority
from kefu.tickets.forms.labels import type_name
from kefu.tickets.forms.steps import CATEGORY_LIST
from kefu.tickets.models import TicketType


class TicketCreateForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"))
    customer = forms.IntegerField(label=_("Customer"), required=False, widget=forms.HiddenInput)
    customer_name = forms.CharField(label=_("Customer name"), required=False, max_length=100)
    customer_phone = forms.CharField(label=_("Customer phone"), required=False, max_length=30)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    category = forms.CharField(
        label=_("Category"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": CATEGORY_LIST, "autocomplete": "off"}),
    )
    title = forms.CharField(label=_("Work order title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_field = self.fields["type"]
        assert isinstance(type_field, forms.ChoiceField)
        type_field.choices = [
            (t.code, type_name(t)) for t in TicketType.objects.filter(is_active=True)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("customer") and not (data.get("customer_phone") or "").strip():
            message = _("Choose a customer, or enter the caller's name and phone.")
            self.add_error("customer_phone", message)
        return data
