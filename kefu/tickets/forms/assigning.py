"""Bulk assignment form (批量分派): the chosen work orders, an assignee and/or a team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.core.widgets import FastSelect
from kefu.org.models import Team


def assignable_users() -> QuerySet[User]:
    """Active users whose roles let them read every work order (the service staff)."""
    grants_all = Q(
        groups__permissions__codename="view_all_tickets",
        groups__permissions__content_type__app_label="tickets",
    )
    return (
        User.objects.filter(is_active=True)
        .filter(grants_all | Q(is_superuser=True))
        .distinct()
        .order_by("display_name", "username")
    )


class BulkAssignForm(forms.Form):
    number = forms.MultipleChoiceField(label=_("Work orders"))
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), required=False, queryset=User.objects.none(), widget=FastSelect
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.filter(is_active=True),
        widget=FastSelect,
    )

    def __init__(self, *args: Any, numbers: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number_field, assignee_field = self.fields["number"], self.fields["assignee"]
        assert isinstance(number_field, forms.MultipleChoiceField)
        assert isinstance(assignee_field, forms.ModelChoiceField)
        number_field.choices = [(n, n) for n in (numbers or [])]
        assignee_field.queryset = assignable_users().only("id", "username", "display_name")
