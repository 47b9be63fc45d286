"""``kefu bench_seed``: seed a bench dataset into the configured (freshly migrated) database.

Called by ``kefu.bench.dataset.ensure_dataset`` in a subprocess with the dataset's
environment; writes ``manifest.json`` into ``--directory`` (default: the data directory) once
everything is in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.bench.dataset.seed import Scale, seed
from kefu.tickets.models import Ticket


class Command(BaseCommand):
    help = "Seed a bench dataset: work orders, customers, staff, articles (压测数据)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--work-orders", type=int, default=1_000_000)
        parser.add_argument("--fingerprint", default="manual")
        parser.add_argument("--directory", default="")
        parser.add_argument("--seed", type=int, default=20261123)
        parser.add_argument("--customers", type=int, default=0, help="Override the scale.")
        parser.add_argument("--staff", type=int, default=0, help="Override the scale.")
        parser.add_argument("--teams", type=int, default=0, help="Override the scale.")
        parser.add_argument("--articles", type=int, default=-1, help="Override the scale.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Ticket.objects.exists():
            raise CommandError("The database already holds work orders: seed an empty one.")
        base = Scale.for_work_orders(options["work_orders"])
        scale = Scale(
            work_orders=base.work_orders,
            customers=options["customers"] or base.customers,
            teams=options["teams"] or base.teams,
            staff=options["staff"] or base.staff,
            articles=base.articles if options["articles"] < 0 else options["articles"],
        )
        directory = Path(options["directory"] or settings.DATA_DIR)
        directory.mkdir(parents=True, exist_ok=True)

        def log(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        manifest = seed(
            scale,
            fingerprint=options["fingerprint"],
            directory=directory,
            seed_value=options["seed"],
            log=log,
        )
        log(f"seeded {manifest.counts['work_orders']:,} work orders in {manifest.seed_seconds} s")
