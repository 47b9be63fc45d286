"""Calendar pages (工作日历): the list with loaded years, one calendar with its year view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.core.clock import now, today
from kefu.sla.forms import DayForm, DueForm
from kefu.sla.loading import working_calendar
from kefu.sla.models import BusinessCalendar, CalendarDay
from kefu.sla.services import is_published
from kefu.sla.views.common import (
    CHANGE,
    VIEW,
    AuthedRequest,
    YearMark,
    visible_calendar,
    year_marks,
)
from kefu.sla.views.yearview import WeekdayHours, months, weekly

YEARS = range(2000, 2101)


@dataclass(frozen=True)
class CalendarRow:
    """One calendar of the list (工作日历) with its weekly hours and loaded years."""

    calendar: BusinessCalendar
    weekly: list[WeekdayHours]
    years: list[YearMark]


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def calendar_list(request: AuthedRequest) -> HttpResponse:
    calendars = list(BusinessCalendar.objects.visible_to(request.user).prefetch_related("periods"))
    marks = year_marks([c.pk for c in calendars])
    rows = [CalendarRow(c, weekly(c), marks.get(c.pk, [])) for c in calendars]
    provisional = sorted({m.year for row in rows for m in row.years if m.is_provisional})
    return render(
        request, "sla/calendar_list.html", {"rows": rows, "provisional_years": provisional}
    )


def year_of(raw: str) -> int:
    """The year asked for, or this year when none (or a silly one) is given."""
    year = int(raw) if raw.isdigit() else today().year
    return year if year in YEARS else today().year


def detail_context(
    request: AuthedRequest,
    calendar: BusinessCalendar,
    year: int,
    *,
    day_form: DayForm | None = None,
    due_form: DueForm | None = None,
) -> dict[str, Any]:
    """What the calendar page shows for ``year`` (also re-rendered with a refused form)."""
    days = list(
        CalendarDay.objects.visible_to(request.user).filter(calendar=calendar).in_year(year)
    )
    marks = year_marks([calendar.pk]).get(calendar.pk, [])
    if day_form is None:
        initial: dict[str, object] = {"date": today() if today().year == year else date(year, 1, 1)}
        chosen = next((d for d in days if d.date.isoformat() == request.GET.get("day")), None)
        if chosen is not None:
            initial = {"date": chosen.date, "kind": chosen.kind, "name": chosen.name}
        day_form = DayForm(initial=initial)
    working = working_calendar(calendar, since=date(year, 1, 1), until=date(year, 12, 31))
    return {
        "calendar": calendar,
        "weekly": weekly(calendar),
        "year": year,
        "years": marks,
        "shown": next((m for m in marks if m.year == year), None),
        "days": days,
        "months": months(year, working, days),
        "can_change": request.user.has_perm(CHANGE),
        "day_form": day_form,
        "due_form": due_form or DueForm(initial={"start": now().astimezone(working.time_zone)}),
        "is_published": is_published(year),
        "previous_year": year - 1,
        "next_year": year + 1,
    }


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def calendar_detail(request: AuthedRequest, code: str) -> HttpResponse:
    calendar = visible_calendar(request, code)
    context = detail_context(request, calendar, year_of(request.GET.get("year", "")))
    return render(request, "sla/calendar_detail.html", context)
