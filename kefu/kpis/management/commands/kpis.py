"""``kefu kpis``: daily rollups and the monthly KPI table (考核指标命令).

``kefu kpis rollup [--from 2026-11-01 --to 2026-12-01]`` recounts the daily rollups of the
range (default: every day from the first work order to today); ``kefu kpis month --month
2026-11 [--group-by team] [--user NAME]`` prints the month's KPI table and how long it took.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Min

from kefu.accounts.models import User
from kefu.core.clock import today
from kefu.core.errors import DomainError
from kefu.kpis.periods import next_bucket
from kefu.kpis.rollup import rollup_days
from kefu.kpis.service import kpi_table
from kefu.tickets.models import Ticket


def _day(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{name} is not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "KPIs: recount the daily rollups, or print a month's KPI table with its time."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        rollup = actions.add_parser("rollup", help="Recount the daily rollups of a range.")
        rollup.add_argument("--from", dest="start", help="First day (default: first work order).")
        rollup.add_argument("--to", dest="end", help="Day after the last (default: tomorrow).")
        month = actions.add_parser("month", help="Print a month's KPI table and its time.")
        month.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-11.")
        month.add_argument("--group-by", dest="group_by", default=None)
        month.add_argument("--user", default=None, help="Whose scope (default: a superuser view).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "rollup":
                self._rollup(options)
            else:
                self._month(options)
        except DomainError as exc:
            details = " ".join(m for messages in exc.fields.values() for m in messages)
            raise CommandError(f"{exc.message} {details}".strip()) from exc

    def _rollup(self, options: dict[str, Any]) -> None:
        if options["start"]:
            start = _day(options["start"], "--from")
        else:
            first = Ticket.objects.aggregate(first=Min("created_at"))["first"]
            start = first.date() if first else today()
        end = _day(options["end"], "--to") if options["end"] else today() + dt.timedelta(days=1)
        began = time.perf_counter()
        written = rollup_days(start, end)
        took = time.perf_counter() - began
        self.stdout.write(f"rolled up {start} .. {end} (exclusive): {written} rows in {took:.2f} s")

    def _month(self, options: dict[str, Any]) -> None:
        try:
            start = dt.date.fromisoformat(f"{options['month']}-01")
        except ValueError as exc:
            raise CommandError(f"--month is not YYYY-MM: {options['month']}") from exc
        user = self._user(options["user"])
        began = time.perf_counter()
        rows = kpi_table(
            user=user, start=start, end=next_bucket(start, "month"), group_by=options["group_by"]
        )
        took = time.perf_counter() - began
        for row in rows:
            self.stdout.write(row.group_label)
            for cell in row.cells.values():
                parts = f" ({cell.numerator}/{cell.denominator})" if cell.denominator else ""
                self.stdout.write(f"  {cell.label}: {cell.display}{parts}")
        self.stdout.write(f"{len(rows)} rows, {took * 1000:.0f} ms")

    def _user(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"no user {username}")
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).first()
        if user is None:
            user = User.objects.filter(groups__name="manager", is_active=True).first()
        if user is None:
            raise CommandError("no superuser or manager: give --user")
        return user
