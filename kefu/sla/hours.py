"""Changing working hours (修改工作时段): the weekly periods of a business calendar.

A writer like those in ``kefu.sla.services`` (kept apart while that module is being extended):
one transaction, the change capability, an audit entry with the periods before and after.
Each weekday's periods are checked in the user's language — each ends after it starts, none
overlaps another — and the pure ``WorkingCalendar`` accepts the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.sla.calendar import MIDNIGHT, Period
from kefu.sla.choices import Weekday
from kefu.sla.models import BusinessCalendar, WorkingPeriod
from kefu.sla.services import forget_cached_calendars

CHANGE = "sla.change_businesscalendar"


def weekday_field(weekday: int) -> str:
    """The field name under which a weekday's problems are reported (``weekday_0`` …)."""
    return f"weekday_{weekday}"


def period_problems(weekday: int, periods: Sequence[Period]) -> list[str]:
    """What is wrong with one weekday's periods (时段问题), in the active language."""
    name = Weekday(weekday).label
    problems = []
    ordered = sorted(periods, key=lambda p: p[0])
    previous_end = None
    for starts_at, ends_at in ordered:
        if ends_at != MIDNIGHT and ends_at <= starts_at:
            problems.append(
                _("%(weekday)s: the period %(start)s–%(end)s ends before it starts.")
                % {"weekday": name, "start": f"{starts_at:%H:%M}", "end": f"{ends_at:%H:%M}"}
            )
        elif previous_end is not None and (previous_end == MIDNIGHT or starts_at < previous_end):
            problems.append(
                _("%(weekday)s: the period %(start)s–%(end)s overlaps the one before it.")
                % {"weekday": name, "start": f"{starts_at:%H:%M}", "end": f"{ends_at:%H:%M}"}
            )
        previous_end = ends_at
    return problems


def _periods_text(calendar: BusinessCalendar) -> list[str]:
    return [
        f"{p.weekday} {p.starts_at:%H:%M}-{p.ends_at:%H:%M}"
        for p in calendar.periods.order_by("weekday", "starts_at")
    ]


def set_weekly_hours(
    *,
    actor: Any,
    calendar: BusinessCalendar,
    weekly_hours: Mapping[int, Sequence[Period]],
    is_24x7: bool,
) -> BusinessCalendar:
    """Replace the calendar's working periods per weekday (设置每周工作时段) and its 24×7 flag."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(CHANGE):
        raise NotPermitted(_("You are not allowed to do this."))
    errors = {
        weekday_field(weekday): problems
        for weekday, periods in sorted(weekly_hours.items())
        if (problems := period_problems(weekday, periods))
    }
    if errors:
        raise ValidationFailed(_("Please correct the working hours."), fields=errors)
    with transaction.atomic():
        locked = BusinessCalendar.objects.select_for_update().get(pk=calendar.pk)
        before = {"is_24x7": locked.is_24x7, "periods": _periods_text(locked)}
        locked.periods.all().delete()
        WorkingPeriod.objects.bulk_create(
            WorkingPeriod(calendar=locked, weekday=weekday, starts_at=start, ends_at=end)
            for weekday, periods in sorted(weekly_hours.items())
            for start, end in sorted(periods, key=lambda p: p[0])
        )
        forget_cached_calendars()
        locked.is_24x7 = is_24x7
        locked.save(update_fields=["is_24x7"])
        after = {"is_24x7": is_24x7, "periods": _periods_text(locked)}
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        )
    calendar.refresh_from_db()
    return calendar
