"""Business calendar forms (工作日历表单): a special day, the weekly hours, the due calculator."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kefu.sla.calendar import Period
from kefu.sla.choices import DayKind, Weekday
from kefu.sla.hours import period_problems, weekday_field

PERIOD = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})$")
SEPARATORS = re.compile(r"[,，;；、\s]+")


def parse_periods(text: str) -> list[Period]:
    """Periods typed as "09:00-12:00, 13:00-18:00"; 24:00 means midnight (the day's end)."""
    periods = []
    for chunk in SEPARATORS.split(text.strip()):
        if not chunk:
            continue
        found = PERIOD.match(chunk.replace(" ", ""))
        if found is None:
            raise forms.ValidationError(
                _("Write periods like 09:00-12:00, 13:00-18:00 (not “%(text)s”).") % {"text": chunk}
            )
        h1, m1, h2, m2 = (int(g) for g in found.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise forms.ValidationError(_("“%(text)s” is not a time of day.") % {"text": chunk})
        periods.append((time(h1, m1), time(0) if h2 == 24 else time(h2, m2)))
    return periods


def periods_text(periods: list[Period]) -> str:
    """The periods as the form shows them: "09:00-12:00, 13:00-18:00"."""
    return ", ".join(
        f"{start:%H:%M}-{'24:00' if end == time(0) else f'{end:%H:%M}'}" for start, end in periods
    )


class DayForm(forms.Form):
    """A special day (特殊日期): a holiday or an adjusted working day (调休上班)."""

    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DayKind.choices)
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("E.g. 国庆节 or 国庆节调休."),
    )


class WeeklyHoursForm(forms.Form):
    """Working periods per weekday (每周工作时段), lunch break as the gap between periods."""

    is_24x7 = forms.BooleanField(
        label=gettext_lazy("24×7 (around the clock, holidays included)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday in Weekday:
            self.fields[weekday_field(weekday.value)] = forms.CharField(
                label=weekday.label,
                required=False,
                help_text=gettext_lazy("E.g. 09:00-12:00, 13:00-18:00; empty = day off."),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for weekday in Weekday:
            name = weekday_field(weekday.value)
            if name in cleaned:
                try:
                    cleaned[name] = parse_periods(str(cleaned[name] or ""))
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
                    continue
                for problem in period_problems(weekday.value, cleaned[name]):
                    self.add_error(name, problem)
        return cleaned

    def weekly_hours(self) -> dict[int, list[Period]]:
        return {
            weekday.value: list(self.cleaned_data[weekday_field(weekday.value)])
            for weekday in Weekday
            if self.cleaned_data.get(weekday_field(weekday.value))
        }


class DueForm(forms.Form):
    """The due time calculator (时限计算): a start and an amount of working time."""

    start = forms.DateTimeField(
        label=gettext_lazy("Start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    working_hours = forms.DecimalField(
        label=gettext_lazy("Working hours"),
        min_value=0,
        max_value=10000,
        decimal_places=2,
        required=False,
    )
    working_minutes = forms.IntegerField(
        label=gettext_lazy("Working minutes"), min_value=0, max_value=600000, required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hours = cleaned.get("working_hours") or 0
        minutes = cleaned.get("working_minutes") or 0
        if not self.errors and hours * 60 + minutes <= 0:
            raise forms.ValidationError(_("Give the working hours or minutes (more than zero)."))
        return cleaned

    def minutes(self) -> float:
        hours = self.cleaned_data.get("working_hours") or 0
        return float(hours) * 60 + (self.cleaned_data.get("working_minutes") or 0)
