"""Weekly hours page (每周工作时段): periods per weekday with the lunch break as a gap."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kefu.core.errors import DomainError
from kefu.sla.forms import WeeklyHoursForm, periods_text
from kefu.sla.hours import set_weekly_hours, weekday_field
from kefu.sla.views.common import CHANGE, AuthedRequest, report, visible_calendar
from kefu.sla.views.yearview import weekly


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def hours_edit(request: AuthedRequest, code: str) -> HttpResponse:
    calendar = visible_calendar(request, code)
    if request.method == "POST":
        form = WeeklyHoursForm(request.POST)
        if form.is_valid():
            try:
                set_weekly_hours(
                    actor=request.user,
                    calendar=calendar,
                    weekly_hours=form.weekly_hours(),
                    is_24x7=form.cleaned_data["is_24x7"],
                )
            except DomainError as exc:
                if not exc.fields:
                    report(request, exc)
                for name, problems in exc.fields.items():
                    for problem in problems:
                        form.add_error(name if name in form.fields else None, problem)
            else:
                messages.success(request, _("The working hours were saved."))
                return redirect("sla:calendar", code=calendar.code)
    else:
        initial: dict[str, object] = {"is_24x7": calendar.is_24x7}
        for day in weekly(calendar):
            initial[weekday_field(day.weekday.value)] = periods_text(day.periods)
        form = WeeklyHoursForm(initial=initial)
    return render(request, "sla/hours_edit.html", {"calendar": calendar, "form": form})
