"""Year view (年历): the months of a year as week grids, with holidays and 调休 days marked."""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, time

from kefu.sla.calendar import MIDNIGHT, WorkingCalendar
from kefu.sla.choices import DayKind, DaySource, Weekday
from kefu.sla.models import BusinessCalendar, CalendarDay


@dataclass(frozen=True)
class DayCell:
    """One day of the month grid (日历格)."""

    on: date
    in_month: bool
    is_working: bool
    special: CalendarDay | None

    @property
    def is_holiday(self) -> bool:
        return self.special is not None and self.special.kind == DayKind.HOLIDAY

    @property
    def is_makeup(self) -> bool:
        return self.special is not None and self.special.kind == DayKind.WORKDAY

    @property
    def is_provisional(self) -> bool:
        return self.special is not None and self.special.source == DaySource.PROVISIONAL


@dataclass(frozen=True)
class Month:
    number: int
    weeks: list[list[DayCell]]


def months(year: int, working: WorkingCalendar, days: list[CalendarDay]) -> list[Month]:
    """The twelve months of ``year``, weeks starting on Monday."""
    by_date = {d.date: d for d in days}
    grid = month_calendar.Calendar(firstweekday=0)
    return [
        Month(
            number,
            [
                [
                    DayCell(
                        on=day,
                        in_month=day.month == number,
                        is_working=bool(working.periods_on(day)),
                        special=by_date.get(day) if day.month == number else None,
                    )
                    for day in week
                ]
                for week in grid.monthdatescalendar(year, number)
            ],
        )
        for number in range(1, 13)
    ]


@dataclass(frozen=True)
class WeekdayHours:
    """One weekday's working periods (工作时段), as shown."""

    weekday: Weekday
    periods: list[tuple[time, time]]

    @property
    def text(self) -> str:
        return ", ".join(
            f"{s:%H:%M}–{'24:00' if e == MIDNIGHT else f'{e:%H:%M}'}" for s, e in self.periods
        )


def weekly(calendar: BusinessCalendar) -> list[WeekdayHours]:
    periods: dict[int, list[tuple[time, time]]] = {}
    for p in sorted(calendar.periods.all(), key=lambda p: (p.weekday, p.starts_at)):
        periods.setdefault(p.weekday, []).append((p.starts_at, p.ends_at))
    return [WeekdayHours(w, periods.get(w.value, [])) for w in Weekday]
