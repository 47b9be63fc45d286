"""Small forms of the customer pages (操作表单): reasons, grade, stored items, merge, import."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kefu.customers.choices import DuplicatePolicy, Grade
from kefu.customers.forms.customer import DateInput


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason.")},
        help_text=_("Why you need the full values. The reveal is written to the audit log."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason.")},
    )


class GradeOverrideForm(ReasonForm):
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices)

    field_order = ["grade", "reason"]


class StoredItemForm(forms.Form):
    name = forms.CharField(label=_("Item"), max_length=100)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=2, min_value=Decimal("0"), initial=1
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20)
    stored_on = forms.DateField(label=_("Stored on"), widget=DateInput)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=200)


class MergeForm(ReasonForm):
    keep = forms.IntegerField(label=_("Keep"), min_value=1)
    remove = forms.IntegerField(label=_("Merge away"), min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("keep") and cleaned.get("keep") == cleaned.get("remove"):
            raise forms.ValidationError(_("Choose two different customers."))
        return cleaned


IMPORT_EXTENSIONS = (".xlsx", ".csv")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("An .xlsx or .csv file with a header row."))
    on_duplicate = forms.ChoiceField(
        label=_("When a row matches an existing customer"),
        choices=DuplicatePolicy.choices,
        initial=DuplicatePolicy.REJECT,
        widget=forms.RadioSelect,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > settings.KEFU_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class ExportRevealForm(ReasonForm):
    pass


class GradeRulesForm(forms.Form):
    """Thresholds of each grade: minimum 12-month spend and visits."""

    def __init__(self, *args: Any, rules: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grades = [str(g) for g, _label in Grade.choices]
        current = {r.grade: r for r in rules}
        for grade in self.grades:
            rule = current.get(grade)
            self.fields[f"spend_{grade}"] = forms.DecimalField(
                label=_("Minimum spend"),
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
                initial=rule.min_spend_12m if rule else Decimal("0"),
            )
            self.fields[f"visits_{grade}"] = forms.IntegerField(
                label=_("Minimum visits"),
                min_value=0,
                max_value=100000,
                initial=rule.min_visits_12m if rule else 0,
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"spend_{g}"], self[f"visits_{g}"]) for g in self.grades]

    def thresholds(self) -> dict[str, tuple[Decimal, int]]:
        return {
            g: (self.cleaned_data[f"spend_{g}"], self.cleaned_data[f"visits_{g}"])
            for g in self.grades
        }
