"""Forms of the phone pages (来电表单): one click to a work order, filters, extensions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.cti.choices import TICKET_TYPES, State
from kefu.cti.querysets import CallQuerySet


class TicketFromCallForm(forms.Form):
    """The type button pressed and, among several customers with the number, the one chosen."""

    type = forms.ChoiceField(choices=[(code, code) for code in TICKET_TYPES])
    customer = forms.IntegerField(required=False, min_value=1)


class CallFilterForm(forms.Form):
    """Filters of the call list (来电记录筛选)."""

    q = forms.CharField(required=False, max_length=40, label=_("Number or last 4 digits"))
    state = forms.ChoiceField(
        required=False, choices=[("", _("All states")), *State.choices], label=_("State")
    )
    day = forms.DateField(required=False, label=_("Day"))
    mine = forms.BooleanField(required=False, label=_("Only my calls"))

    def apply(self, qs: CallQuerySet, user: Any) -> CallQuerySet:
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        text = (data.get("q") or "").strip()
        if text:
            qs = qs.filter(self._number(text))
        if data.get("state"):
            qs = qs.filter(state=data["state"])
        day: dt.date | None = data.get("day")
        if day is not None:
            start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
            qs = qs.filter(started_at__gte=start, started_at__lt=start + dt.timedelta(days=1))
        if data.get("mine"):
            qs = qs.filter(agent=user)
        return qs

    @staticmethod
    def _number(text: str) -> Q:
        if text.isdigit() and len(text) == 4:
            return Q(caller_last4=text)
        try:
            return Q(caller=normalize_phone(text))
        except InvalidPhone:
            return Q(pk__in=[])


# Roles that answer the phone and may hold an extension.
PHONE_ROLES = ("agent", "supervisor", "manager")


class ExtensionForm(forms.Form):
    """Assign an extension to an agent (分配分机)."""

    user = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True, groups__name__in=PHONE_ROLES)
        .distinct()
        .order_by("username"),
        label=_("Agent"),
    )
    extension = forms.CharField(max_length=20, label=_("Extension"))
