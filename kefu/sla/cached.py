"""Per-process cache of SLA policies and working calendars (时限规则缓存).

Opening a work order needs the active policies and its calendar's working time; reading them
from the database every time costs five queries. They change rarely, so each process keeps
them for ``TTL`` seconds. A change made in this process (any save or delete of a policy,
calendar, working period or calendar day) clears the cache at once; another process sees it
within ``TTL`` seconds.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from kefu.sla.calendar import WorkingCalendar
from kefu.sla.loading import working_calendar
from kefu.sla.models import BusinessCalendar, SlaPolicy

TTL = 60.0
# A cached calendar holds the special days of this many days around the month it was built for.
SPAN_BEFORE = timedelta(days=40)
SPAN_AFTER = timedelta(days=160)

_policies: tuple[float, list[SlaPolicy]] | None = None
_calendars: dict[tuple[int, date], tuple[float, WorkingCalendar]] = {}


def clear(*_args: Any, **_kwargs: Any) -> None:
    """Forget everything (connected to the saves and deletes of the sla models)."""
    global _policies
    _policies = None
    _calendars.clear()


def active_policies() -> list[SlaPolicy]:
    """The active policies, oldest first, with their calendars."""
    global _policies
    if _policies is None or time.monotonic() - _policies[0] > TTL:
        rows = list(SlaPolicy.objects.filter(is_active=True).select_related("calendar"))
        _policies = (time.monotonic(), sorted(rows, key=lambda p: p.pk))
    return _policies[1]


def calendar_for(calendar: BusinessCalendar, around: date) -> WorkingCalendar:
    """The calendar's working time with its special days from 40 days before the month of
    ``around`` to 160 days after (deadlines within that span are exact)."""
    month = around.replace(day=1)
    key = (calendar.pk, month)
    hit = _calendars.get(key)
    if hit is None or time.monotonic() - hit[0] > TTL:
        built = working_calendar(calendar, since=month - SPAN_BEFORE, until=month + SPAN_AFTER)
        hit = (time.monotonic(), built)
        _calendars[key] = hit
    return hit[1]
