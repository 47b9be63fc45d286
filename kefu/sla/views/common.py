"""Shared bits of the calendar pages (工作日历页面公共件): request type, lookups, year marks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from kefu.accounts.models import User
from kefu.core.errors import DomainError, NotFound, NotPermitted
from kefu.sla.choices import DaySource
from kefu.sla.models import BusinessCalendar, CalendarDay

VIEW = "sla.view_businesscalendar"
CHANGE = "sla.change_businesscalendar"


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user, ``htmx`` is set."""

    user: User
    htmx: HtmxDetails


def visible_calendar(request: AuthedRequest, code: str) -> BusinessCalendar:
    """The calendar with this code if the user may see it, else 404."""
    return get_object_or_404(BusinessCalendar.objects.visible_to(request.user), code=code)


@dataclass(frozen=True)
class YearMark:
    """One loaded year (已载入年份) of a calendar and where its special days come from."""

    year: int
    sources: frozenset[str]

    @property
    def is_provisional(self) -> bool:
        return DaySource.PROVISIONAL in self.sources

    @property
    def is_official(self) -> bool:
        return DaySource.OFFICIAL in self.sources

    @property
    def is_manual(self) -> bool:
        return DaySource.MANUAL in self.sources


def year_marks(calendar_ids: list[int]) -> dict[int, list[YearMark]]:
    """The loaded years of each calendar with their sources, oldest first, in one query."""
    found: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = (
        CalendarDay.objects.filter(calendar_id__in=calendar_ids)
        .annotate(year=ExtractYear("date"))
        .values_list("calendar_id", "year", "source")
        .order_by()
        .distinct()
    )
    for calendar_id, year, source in rows:
        found[calendar_id][year].add(source)
    return {
        calendar_id: [YearMark(y, frozenset(s)) for y, s in sorted(years.items())]
        for calendar_id, years in found.items()
    }


def report(request: AuthedRequest, exc: DomainError) -> None:
    """Show a service's refusal as a message (403/404 for access refusals)."""
    if isinstance(exc, NotPermitted):
        raise PermissionDenied(exc.message) from exc
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc
    messages.error(request, exc.message)
