"""List filters (列表筛选): shared by the list page, the export and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.customers.choices import Grade
from kefu.customers.querysets import CustomerQuerySet


def filter_customers(
    qs: CustomerQuerySet,
    *,
    q: str = "",
    grade: str = "",
    vip_level: int | None = None,
    tag: str = "",
) -> CustomerQuerySet:
    """The list filters, shared by the list page, the export and the API."""
    if q:
        qs = qs.search(q)
    if grade:
        qs = qs.filter(grade=grade)
    if vip_level is not None:
        qs = qs.filter(vip_level=vip_level)
    if tag:
        qs = qs.filter(tags__name=tag)
    return qs


class CustomerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    grade = forms.ChoiceField(
        label=_("Grade"), required=False, choices=[("", _("All grades")), *Grade.choices]
    )
    vip = forms.IntegerField(label=_("VIP level"), required=False, min_value=0, max_value=99)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)

    def apply(self, qs: CustomerQuerySet) -> CustomerQuerySet:
        """Apply the valid filters; an invalid one (``vip=abc``) is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return filter_customers(
            qs,
            q=data.get("q") or "",
            grade=data.get("grade") or "",
            vip_level=data.get("vip"),
            tag=data.get("tag") or "",
        )
