"""Special days and holiday years (特殊日期与节假日年份): enter, correct, remove, load, confirm."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kefu.core.clock import today
from kefu.core.errors import DomainError
from kefu.sla.choices import DayKind
from kefu.sla.forms import DayForm
from kefu.sla.services import (
    confirm_year,
    load_official_year,
    load_provisional_year,
    remove_day,
    set_day,
)
from kefu.sla.views.calendars import YEARS, detail_context
from kefu.sla.views.common import CHANGE, AuthedRequest, report, visible_calendar


def _back(code: str, year: int) -> HttpResponse:
    return redirect(f"{reverse('sla:calendar', args=[code])}?year={year}")


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def day_set(request: AuthedRequest, code: str) -> HttpResponse:
    calendar = visible_calendar(request, code)
    form = DayForm(request.POST)
    if form.is_valid():
        on: date = form.cleaned_data["date"]
        try:
            set_day(
                actor=request.user,
                calendar=calendar,
                on=on,
                kind=DayKind(form.cleaned_data["kind"]),
                name=form.cleaned_data["name"].strip(),
            )
        except DomainError as exc:
            report(request, exc)
        else:
            messages.success(request, _("%(date)s was saved.") % {"date": on.isoformat()})
            return _back(code, on.year)
    year = form.cleaned_data["date"].year if "date" in form.cleaned_data else today().year
    context = detail_context(request, calendar, year, day_form=form)
    return render(request, "sla/calendar_detail.html", context, status=422)


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def day_remove(request: AuthedRequest, code: str, on: str) -> HttpResponse:
    calendar = visible_calendar(request, code)
    try:
        day = date.fromisoformat(on)
    except ValueError:
        raise Http404 from None
    try:
        remove_day(actor=request.user, calendar=calendar, on=day)
    except DomainError as exc:
        report(request, exc)
    else:
        messages.success(
            request,
            _("%(date)s is an ordinary day of its weekday again.") % {"date": day.isoformat()},
        )
    return _back(code, day.year)


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def year_load(request: AuthedRequest, code: str, year: int, how: str) -> HttpResponse:
    """Load a year: official (chinese-calendar) or provisional (python-holidays)."""
    calendar = visible_calendar(request, code)
    if year not in YEARS or how not in ("official", "provisional"):
        raise Http404
    load = load_official_year if how == "official" else load_provisional_year
    try:
        done = load(actor=request.user, calendar=calendar, year=year)
    except DomainError as exc:
        report(request, exc)
    else:
        messages.success(
            request,
            _(
                "%(year)s loaded: %(holidays)s days off and %(workdays)s adjusted working days;"
                " %(kept)s days entered by hand were kept."
            )
            % {
                "year": year,
                "holidays": done.holidays,
                "workdays": done.workdays,
                "kept": done.kept_manual,
            },
        )
    return _back(code, year)


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def year_confirm(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """Confirm a provisional year as official, once its 调休 days are entered (确认正式安排)."""
    calendar = visible_calendar(request, code)
    try:
        count = confirm_year(actor=request.user, calendar=calendar, year=year)
    except DomainError as exc:
        report(request, exc)
    else:
        messages.success(
            request,
            _("%(year)s confirmed as the official schedule (%(count)s provisional days).")
            % {"year": year, "count": count},
        )
    return _back(code, year)
