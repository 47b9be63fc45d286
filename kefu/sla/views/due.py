"""Due time calculator (时限计算器): start + working time → due, as ``kefu calendar due``.

The same functions as the command: the calendar built by ``kefu.sla.loading.working_calendar``
and ``kefu.sla.calendar.add_working_time``; a start without a zone is read in the calendar's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kefu.sla.calendar import NoWorkingTime, add_working_time
from kefu.sla.forms import DueForm
from kefu.sla.loading import loaded_years, working_calendar
from kefu.sla.models import BusinessCalendar
from kefu.sla.views.common import VIEW, AuthedRequest, visible_calendar


def due_at(
    calendar: BusinessCalendar, start: datetime, minutes: float
) -> tuple[datetime, list[str]]:
    """The due time after ``minutes`` of working time, and warnings about unloaded years."""
    working = working_calendar(calendar)
    if start.tzinfo is None:
        start = start.replace(tzinfo=working.time_zone)
    due = add_working_time(start, timedelta(minutes=minutes), working)
    missing = (
        sorted({start.year, due.year} - loaded_years(calendar)) if not calendar.is_24x7 else []
    )
    warnings = [
        _("No holidays of %(year)s are loaded for this calendar; the result ignores them.")
        % {"year": year}
        for year in missing
    ]
    return due, warnings


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def due_calculator(request: AuthedRequest, code: str) -> HttpResponse:
    calendar = visible_calendar(request, code)
    form = DueForm(request.GET)
    context: dict[str, object] = {"calendar": calendar, "due_form": form}
    if form.is_valid():
        # The form reads the time in the console's zone; the calendar's wall clock is meant.
        start = timezone.make_naive(form.cleaned_data["start"])
        try:
            due, warnings = due_at(calendar, start, form.minutes())
        except NoWorkingTime:
            form.add_error(None, _("The calendar has no working time in the next three years."))
        else:
            context.update(due=due, warnings=warnings)
    template = "sla/_due.html" if request.htmx else "sla/due.html"
    return render(request, template, context)
