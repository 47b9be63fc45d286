"""Forms of reports (报表表单): generate a report on demand, set a KPI target."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.reports.choices import Direction, ReportKind
from kefu.reports.periods import Period, month_of, quarter_of, week_of


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    day = forms.DateField(
        label=_("Any day of the period"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The week, month or quarter holding this day."),
    )

    def period(self) -> Period:
        kind, day = self.cleaned_data["kind"], self.cleaned_data["day"]
        if kind == ReportKind.WEEKLY_SATISFACTION:
            return week_of(day)
        if kind == ReportKind.QUARTERLY:
            return quarter_of(day)
        return month_of(day)


class TargetForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
