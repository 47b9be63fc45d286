"""``kefu backup [--output PATH]``: one archive of the database, the task queue and the files.

Runs while the server serves. Messages follow the locale of the shell (``LANG=zh_CN.UTF-8`` or
``en_US.UTF-8``). See docs/operations.md.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from kefu.core.backup.language import command_language
from kefu.core.backup.layout import BackupError
from kefu.core.backup.making import make_backup


class Command(BaseCommand):
    help = "Write a backup archive: database, task queue, attachments and files, manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="archive file, or a folder for kefu-backup-YYYYmmdd-HHMMSS.tar.gz "
            "(default: DATA_DIR/backups/)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(command_language(os.environ, settings.LANGUAGE_CODE)):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        try:
            result = make_backup(output=options.get("output"))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written: %(path)s (%(size)s, %(files)d files, %(seconds).1f s)")
                % {
                    "path": result.path,
                    "size": filesizeformat(result.path.stat().st_size),
                    "files": len(manifest.files),
                    "seconds": result.seconds,
                }
            )
        )
        self.stdout.write(
            _("Database: %(vendor)s; Kefu %(version)s")
            % {"vendor": manifest.vendor, "version": manifest.kefu_version}
        )
