"""``kefu calendar``: due times and holiday years of the business calendars (工作日历).

``kefu calendar due --start 2026-09-30T16:00 --working-hours 24 --calendar office`` prints the
due time in ISO 8601; ``kefu calendar load --calendar office --year 2027`` loads a year's
holidays (official from chinese-calendar, else provisional from python-holidays).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.core.errors import DomainError
from kefu.sla.calendar import NoWorkingTime, add_working_time
from kefu.sla.loading import calendar_by_code, loaded_years, working_calendar
from kefu.sla.services import ensure_years, load_official_year, load_provisional_year

ACTOR = "kefu calendar"


class Command(BaseCommand):
    help = "Business calendars: compute a due time, or load a year's holidays."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        due = actions.add_parser("due", help="Print the due time after some working time.")
        due.add_argument("--start", required=True, help="ISO 8601, e.g. 2026-09-30T16:00.")
        due.add_argument("--working-hours", type=float, default=0.0)
        due.add_argument("--working-minutes", type=int, default=0)
        due.add_argument("--calendar", required=True, help="The calendar's code.")
        load = actions.add_parser("load", help="Load a year's holidays and 调休 days.")
        load.add_argument("--calendar", required=True, help="The calendar's code.")
        load.add_argument("--year", type=int, required=True)
        how = load.add_mutually_exclusive_group()
        how.add_argument("--official", action="store_true", help="Only from chinese-calendar.")
        how.add_argument("--provisional", action="store_true", help="From python-holidays.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "due":
                self._due(options)
            else:
                self._load(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _due(self, options: dict[str, Any]) -> None:
        calendar = calendar_by_code(options["calendar"])
        working = working_calendar(calendar)
        try:
            start = datetime.fromisoformat(options["start"])
        except ValueError as exc:
            raise CommandError(f"--start is not an ISO 8601 time: {options['start']}") from exc
        if start.tzinfo is None:
            start = start.replace(tzinfo=working.time_zone)
        duration = timedelta(hours=options["working_hours"], minutes=options["working_minutes"])
        if duration <= timedelta(0):
            raise CommandError("give --working-hours or --working-minutes (more than zero)")
        try:
            due = add_working_time(start, duration, working)
        except NoWorkingTime as exc:
            raise CommandError(str(exc)) from exc
        missing = sorted(
            {start.year, due.year} - loaded_years(calendar) if not calendar.is_24x7 else set()
        )
        for year in missing:
            self.stderr.write(
                f"warning: no holidays of {year} are loaded for {calendar.code}; run:"
                f" kefu calendar load --calendar {calendar.code} --year {year}"
            )
        self.stdout.write(due.isoformat())

    def _load(self, options: dict[str, Any]) -> None:
        calendar = calendar_by_code(options["calendar"])
        year = options["year"]
        if options["official"]:
            load = load_official_year(actor=ACTOR, calendar=calendar, year=year)
        elif options["provisional"]:
            load = load_provisional_year(actor=ACTOR, calendar=calendar, year=year)
        else:
            found = ensure_years(actor=ACTOR, calendar=calendar, years=[year])[year]
            if found is None:
                self.stdout.write(f"{calendar.code} {year}: already loaded; nothing to do.")
                return
            load = found
        self.stdout.write(f"{calendar.code} {load}")
