"""``kefu restore ARCHIVE [--force]``: put a backup back, checked before and after.

Stop the server (and the task consumer) first. Refuses a damaged or altered archive and a
database that already holds data unless ``--force``; keeps what it replaces. Messages follow
the locale of the shell. See docs/operations.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from kefu.core.backup.language import command_language
from kefu.core.backup.layout import BackupError
from kefu.core.backup.restoring import restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into the configured database and data directory."
    requires_system_checks: list[str] = []  # the database may be empty or from another version

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="a kefu-backup-….tar.gz written by kefu backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds data",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(command_language(os.environ, settings.LANGUAGE_CODE)):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        archive = Path(options["archive"]).expanduser().resolve()
        try:
            result = restore_backup(archive, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(name)s (made %(created_at)s, Kefu %(version)s) in %(seconds).1f s; "
                    "%(files)d files checked."
                )
                % {
                    "name": archive.name,
                    "created_at": manifest.created_at,
                    "version": manifest.kefu_version,
                    "seconds": result.seconds,
                    "files": len(manifest.files),
                }
            )
        )
        for path in result.kept:
            self.stdout.write(
                _(
                    "The replaced data is kept at %(path)s; delete it once you have checked the "
                    "restore."
                )
                % {"path": path}
            )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "%(count)d migrations are not applied yet: run kefu migrate before "
                        "kefu serve."
                    )
                    % {"count": result.pending_migrations}
                )
            )
