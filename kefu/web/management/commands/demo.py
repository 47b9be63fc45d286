"""``kefu demo``: load the demo service center (idempotent) and print the demo logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kefu.accounts.roles import role
from kefu.web.demo import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = (
        "Load demo data: departments, partners, positions, one login per role (password "
        f"{DEMO_PASSWORD}), staff and 2,000 customers. Running it again creates nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Load nothing; only print the demo logins that still have the demo password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["logins_only"]:
            started = time.monotonic()
            summary = load_demo()
            elapsed = time.monotonic() - started
            if summary.changed_anything:
                made = ", ".join(f"{n} {name}" for name, n in summary.created.items() if n)
                self.stdout.write(f"Demo data loaded in {elapsed:.1f} s: {made}.")
            else:
                self.stdout.write("Demo data already present; nothing to do.")
        self._print_logins()

    def _print_logins(self) -> None:
        rows = [row for row in demo_logins() if row[3]]
        if not rows:
            return
        self.stdout.write("")
        self.stdout.write(f"{'username':<12}{'password':<11}{'role':<16}name")
        for username, code, name, _usable in rows:
            self.stdout.write(
                f"{username:<12}{DEMO_PASSWORD:<11}{code:<16}{name} · {role(code).label}"
            )
