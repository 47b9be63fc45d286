"""``kefu callbacks``: run the care rules (执行回访规则).

``kefu callbacks run-rules`` runs every active rule for today; ``--date 2026-11-25`` for
another day (a rerun creates nothing twice).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.callbacks.days import local_today
from kefu.callbacks.services import run_rules


class Command(BaseCommand):
    help = "Callbacks and care: run the care rules."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("run-rules", help="Create today's tasks of every active rule.")
        run.add_argument("--date", help="The day to run for (YYYY-MM-DD), default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = local_today()
        if options.get("date"):
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date is not YYYY-MM-DD: {options['date']}") from exc
        runs = run_rules(day=day)
        for run in runs:
            state = (
                f"created {run.created}, already there {run.already}" if run.ran else "not today"
            )
            self.stdout.write(f"{run.name}: {state}")
        self.stdout.write(f"{day.isoformat()}: {sum(r.created for r in runs)} tasks created")
