"""``kefu trust load|soak``: load, crash and soak runs against a real Kefu (可靠性验证).

    kefu trust load [--processes 8] [--each 500] [--database-url URL] [--kill] [--no-emails]
                    [--json]
    kefu trust soak [--minutes 30] [--rate 20] [--database-url URL] [--json]

Both start their own Kefu (gunicorn + the Huey consumer) on 127.0.0.1 with a private data
directory; ``--database-url`` points it at a scratch PostgreSQL database instead of SQLite.
``_prepare``, ``_expire`` and ``_check`` are internal steps run with the server's settings.
See docs/trust.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.core.trust import checks, inside
from kefu.core.trust.load import LoadOptions, run_load
from kefu.core.trust.soak import SoakOptions, run_soak


class Command(BaseCommand):
    help = "Load, crash (kill -9) and soak runs against a Kefu started for the purpose."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser("load", help="N processes × M work orders, then check.")
        load.add_argument("--processes", type=int, default=8)
        load.add_argument("--each", type=int, default=500, help="Work orders per process.")
        load.add_argument("--kill", action="store_true", help="kill -9 the server mid-run.")
        load.add_argument("--seed", type=int, default=None)
        load.add_argument(
            "--no-emails",
            action="store_true",
            help="Send no survey emails (by default through a slow loopback SMTP server).",
        )
        soak = actions.add_parser("soak", help="Mixed load at a bounded rate; memory and logs.")
        soak.add_argument("--minutes", type=float, default=30.0)
        soak.add_argument("--rate", type=float, default=20.0, help="Requests per second.")
        soak.add_argument("--sample-seconds", type=float, default=30.0)
        for sub in (load, soak):
            sub.add_argument("--database-url", default="", help="Scratch PostgreSQL database.")
            sub.add_argument("--work-dir", default="", help="Data and logs (default: a temp dir).")
            sub.add_argument("--json", action="store_true", help="Print one JSON object.")
        prepare = actions.add_parser("_prepare")
        prepare.add_argument("--clients", type=int, required=True)
        prepare.add_argument("--tag", required=True)
        expire = actions.add_parser("_expire")
        expire.add_argument("numbers", nargs="*")
        check = actions.add_parser("_check")
        check.add_argument("--log-dir", required=True)
        check.add_argument("--tag", required=True)
        check.add_argument("--wait", type=float, default=0.0)
        check.add_argument("--mail-log", default="")
        check.add_argument("numbers", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "_prepare":
            self._print(inside.prepare(clients=options["clients"], tag=options["tag"]))
        elif action == "_expire":
            self._print(inside.expire(numbers=options["numbers"]))
        elif action == "_check":
            self._print(
                checks.check(
                    log_dir=Path(options["log_dir"]),
                    tag=options["tag"],
                    watch_numbers=options["numbers"],
                    wait_seconds=options["wait"],
                    mail_log=Path(options["mail_log"]) if options["mail_log"] else None,
                )
            )
        elif action == "load":
            self._load(options)
        else:
            self._soak(options)

    def _print(self, result: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))

    def _say(self, quiet: bool) -> Any:
        def say(message: str) -> None:
            target = self.stderr if quiet else self.stdout
            target.write(message)
            target.flush()

        return say

    def _load(self, options: dict[str, Any]) -> None:
        if options["processes"] < 1 or options["each"] < 1:
            raise CommandError("--processes and --each must be at least 1")
        result = run_load(
            LoadOptions(
                processes=options["processes"],
                each=options["each"],
                database_url=options["database_url"],
                kill=options["kill"],
                work_dir=Path(options["work_dir"]) if options["work_dir"] else None,
                seed=options["seed"],
                emails=not options["no_emails"],
            ),
            say=self._say(options["json"]),
        )
        if options["json"]:
            self._print(result)
        else:
            self._load_table(result)
        if result["problems"]:
            raise CommandError("; ".join(result["problems"]))

    def _load_table(self, result: dict[str, Any]) -> None:
        rows = [
            ("database", result["database"]),
            ("clients × work orders", f"{result['processes']} × {result['each']}"),
            ("kill -9", ", ".join(f"after {k['after_creations']} creations, down "
                                  f"{k['down_s']:.1f} s" for k in result["kill"]) or "no"),
            ("acknowledged creations", result["acknowledged"]),
            ("found (exactly once)", result["found"]),
            ("missing", result["missing"]),
            ("duplicates", result["duplicates"]),
            ("unanswered creations (present)",
             f"{result['unacknowledged']} ({result['unacknowledged_applied']})"),
            ("acknowledged transitions", result["transitions_acknowledged"]),
            ("transitions refused (4xx)", result["transitions_refused"]),
            ("lost or eventless transitions",
             result["lost_transitions"] + result["transitions_without_event"]),
            ("half applied", result["half_applied"]),
            ("5xx", result["5xx"]),
            ("warnings/escalations sent twice", result["sent_twice"]),
            ("expired deadlines escalated",
             f"{result['watched_escalated']} of {result['watched']}"),
            *self._mail_rows(result),
            ("requests", f"{result['requests']} ({result['rate_per_s']}/s)"),
            ("elapsed", f"{result['elapsed']} s (total {result['elapsed_total']} s)"),
        ]  # fmt: skip
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.stdout.write(f"{label:<{width}}  {value}")
        verdict = "; ".join(result["problems"]) or "all checks hold"
        self.stdout.write(f"{'verdict':<{width}}  {verdict}")

    def _mail_rows(self, result: dict[str, Any]) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = []
        if mail := result.get("mail"):
            rows += [
                ("survey emails queued (invitations)", mail["invitations"]),
                ("emails once / twice / missing",
                 f"{mail['emails_once']} / {mail['emails_twice']} / {mail['emails_missing']}"),
                ("sends cut by the kill (received)",
                 f"{mail['interrupted_sends']} ({mail['interrupted_sends_received']})"),
            ]  # fmt: skip
        if jobs := result.get("jobs"):
            rows += [
                ("jobs queued at the kill (ran after)",
                 f"{jobs['queued_at_kill']} ({jobs['queued_ran_after_restart']})"),
                ("jobs running at the kill (rerun)",
                 f"{jobs['running_at_kill']} ({jobs['running_at_kill_rerun']})"),
                ("jobs run twice", len(jobs["ran_twice"])),
            ]  # fmt: skip
        return rows

    def _soak(self, options: dict[str, Any]) -> None:
        if options["minutes"] <= 0 or options["rate"] <= 0:
            raise CommandError("--minutes and --rate must be positive")
        result = run_soak(
            SoakOptions(
                minutes=options["minutes"],
                rate=options["rate"],
                sample_seconds=options["sample_seconds"],
                database_url=options["database_url"],
                work_dir=Path(options["work_dir"]) if options["work_dir"] else None,
            ),
            say=self._say(options["json"]),
        )
        if options["json"]:
            self._print(result)
        else:
            width = max(len(name) for name in result["rss_kib"]) if result["rss_kib"] else 10
            self.stdout.write(f"{'process':<{width}}  start MiB  end MiB  max MiB")
            for name, rss in result["rss_kib"].items():
                self.stdout.write(
                    f"{name:<{width}}  {rss['start'] / 1024:9.1f}  {rss['end'] / 1024:7.1f}"
                    f"  {rss['max'] / 1024:7.1f}"
                )
            self.stdout.write(
                f"requests {result['requests']} ({result['rate_per_s']}/s), "
                f"5xx {result['5xx']}, log errors {result['log_error_count']}, "
                f"{result['minutes']} min"
            )
        if result["problems"]:
            raise CommandError("; ".join(result["problems"]))
