"""``kefu check``: one line per self-check item; exit status 1 if any item fails."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kefu.core.checks import Status, run_all


class Command(BaseCommand):
    help = "Check the installation: database, migrations, task queue, static files, mail, holidays."
    requires_system_checks: list[str] = []  # the system checks are one of the reported items

    def handle(self, *args: Any, **options: Any) -> None:
        lines = run_all()
        for line in lines:
            style = {
                Status.OK: self.style.SUCCESS,
                Status.WARN: self.style.WARNING,
                Status.FAIL: self.style.ERROR,
            }[line.status]
            self.stdout.write(style(str(line)))
        failed = [line.item for line in lines if line.status == Status.FAIL]
        if failed:
            raise CommandError(f"{len(failed)} check(s) failed: {', '.join(failed)}")
