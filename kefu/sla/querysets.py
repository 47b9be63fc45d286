"""Reads of business calendars (工作日历查询), each with ``visible_to(user)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.sla.models import BusinessCalendar, CalendarDay  # noqa: F401


def _can(user: Any, perm: str) -> bool:
    return bool(user.is_authenticated and user.has_perm(perm))


class BusinessCalendarQuerySet(models.QuerySet["BusinessCalendar"]):
    def visible_to(self, user: Any) -> BusinessCalendarQuerySet:
        return self if _can(user, "sla.view_businesscalendar") else self.none()


class CalendarDayQuerySet(models.QuerySet["CalendarDay"]):
    def visible_to(self, user: Any) -> CalendarDayQuerySet:
        return self if _can(user, "sla.view_businesscalendar") else self.none()

    def in_year(self, year: int) -> CalendarDayQuerySet:
        return self.filter(date__year=year)
