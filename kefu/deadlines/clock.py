"""The deadline clock (时限计时): working time on a business calendar, or around the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from kefu.sla.cached import calendar_for
from kefu.sla.calendar import WorkingCalendar, add_working_time, working_minutes_between
from kefu.sla.models import BusinessCalendar


class Clock:
    """A business calendar's working time, or plain time when there is no calendar."""

    def __init__(self, calendar: BusinessCalendar | None, around: datetime) -> None:
        self._working: WorkingCalendar | None = None
        if calendar is not None:
            self._working = calendar_for(calendar, around.date())

    def add(self, start: datetime, minutes: int) -> datetime:
        """``minutes`` of working time after ``start``."""
        if self._working is None:
            return start + timedelta(minutes=minutes)
        return add_working_time(start, timedelta(minutes=minutes), self._working)

    def minutes_between(self, start: datetime, end: datetime) -> int:
        """Working minutes in [start, end)."""
        if self._working is None:
            return max(int((end - start) // timedelta(minutes=1)), 0)
        return max(working_minutes_between(start, end, self._working), 0)
