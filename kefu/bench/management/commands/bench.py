"""``kefu bench``: serve Kefu as in production and measure every scenario over HTTP (压测).

    kefu bench [--database sqlite|postgres] [--work-orders N] [--json] [--duration S]
               [--warmup S] [--scenarios a,b,…] [--root DIR] [--server-url URL]
    kefu bench --stop-postgres [--root DIR]

Progress goes to stderr; stdout gets the table, or with ``--json`` exactly one JSON object.
See docs/performance.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.bench.run.postgres import Cluster
from kefu.bench.run.report import table
from kefu.bench.run.runner import Options, run_bench
from kefu.bench.run.scenarios import BY_NAME, SCENARIOS


class Command(BaseCommand):
    help = "Measure Kefu over HTTP on a seeded dataset (see docs/performance.md)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
        parser.add_argument("--work-orders", type=int, default=1_000_000)
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--duration", type=float, default=20.0, help="Measured seconds.")
        parser.add_argument("--warmup", type=float, default=5.0, help="Warm-up seconds.")
        parser.add_argument(
            "--scenarios", default="", help=f"Comma-separated, of: {', '.join(BY_NAME)}."
        )
        parser.add_argument("--root", default="", help="Datasets and logs (default: DATA/bench).")
        parser.add_argument("--server-url", default="", help="Drive this running server.")
        parser.add_argument(
            "--stop-postgres", action="store_true", help="Stop the private PostgreSQL and exit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(options["root"] or settings.DATA_DIR / "bench").resolve()
        if options["stop_postgres"]:
            stopped = Cluster(root).stop()
            self.stderr.write("PostgreSQL stopped." if stopped else "PostgreSQL was not running.")
            return
        names = [n.strip() for n in options["scenarios"].split(",") if n.strip()]
        unknown = [n for n in names if n not in BY_NAME]
        if unknown:
            raise CommandError(f"Unknown scenarios: {', '.join(unknown)}.")
        url = options["server_url"]
        if url and not url.startswith("http://127.0.0.1:"):
            raise CommandError("--server-url must be http://127.0.0.1:PORT.")
        if options["duration"] <= 0 or options["warmup"] < 0 or options["work_orders"] < 1:
            raise CommandError("--duration must be > 0, --warmup ≥ 0, --work-orders ≥ 1.")
        bench = Options(
            root=root,
            database=options["database"],
            work_orders=options["work_orders"],
            duration=options["duration"],
            warmup=options["warmup"],
            scenarios=names or [s.name for s in SCENARIOS],
            server_url=url,
        )
        report = run_bench(bench, log=lambda line: print(line, file=sys.stderr, flush=True))
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(table(report))
