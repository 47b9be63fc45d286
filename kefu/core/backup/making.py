"""Making a backup (制作备份): the database snapshot, the queue, the files, the manifest.

The server keeps serving meanwhile: SQLite is copied by the online backup API in one step (a
read snapshot in WAL mode, writers go on), PostgreSQL by ``pg_dump`` (one transaction
snapshot). Files are hashed while they are written into the archive; attachments are
written once under new names, so a file never changes under the backup.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.core.backup import postgres, sqlitecopy
from kefu.core.backup.archive import ArchiveWriter
from kefu.core.backup.layout import (
    DATA_PREFIX,
    PG_MEMBER,
    QUEUE_MEMBER,
    SQLITE_MEMBER,
    BackupError,
    data_dir,
    data_files,
    kefu_version,
    queue_file,
)
from kefu.core.backup.manifest import Manifest, latest_migrations


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    seconds: float


def archive_path(output: str | None) -> Path:
    """Where the archive goes: ``--output`` (a file, or a folder for the default name), else
    ``DATA_DIR/backups/``."""
    name = f"kefu-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    if not output:
        folder = data_dir() / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
    path = Path(output).expanduser().resolve()
    if path.is_dir():
        return path / name
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    return path


def _database_copy(work: Path) -> tuple[str, Path, dict[str, str]]:
    """Copy or dump the database into ``work``: its member name, file and migration state."""
    connection = connections["default"]
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = work / "kefu.sqlite3"
        source = Path(conf["NAME"])
        if not source.is_file():
            raise BackupError(_("There is no database at %(path)s.") % {"path": source})
        sqlitecopy.online_copy(source, copy)
        problems = sqlitecopy.integrity_errors(copy)
        if problems:
            raise BackupError(
                _("The database copy failed its integrity check: %(problems)s")
                % {"problems": "; ".join(problems[:5])}
            )
        return SQLITE_MEMBER, copy, latest_migrations(sqlitecopy.applied_migrations(copy))
    if connection.vendor == "postgresql":
        copy = work / "kefu.pgdump"
        try:
            postgres.dump(conf, copy)
        except postgres.ToolError as exc:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": exc}) from exc
        applied = MigrationRecorder(connection).applied_migrations()
        return PG_MEMBER, copy, latest_migrations(applied.keys())
    raise BackupError(
        _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": connection.vendor}
    )


def make_backup(*, output: str | None = None) -> BackupResult:
    """Write one archive of the database, the task queue and the data directory's files."""
    started = time.monotonic()
    path = archive_path(output)
    root = data_dir()
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".kefu-backup-") as scratch:
        work = Path(scratch)
        member, copy, migrations = _database_copy(work)
        manifest = Manifest(
            kefu_version=kefu_version(),
            created_at=timezone.localtime().isoformat(timespec="seconds"),
            vendor=connections["default"].vendor,
            database_file=member,
            migrations=migrations,
        )
        with ArchiveWriter(path) as writer:
            writer.add_file(member, copy)
            queue = queue_file()
            if queue is not None and queue.is_file():
                queue_copy = work / "tasks.sqlite3"
                sqlitecopy.online_copy(queue, queue_copy)
                writer.add_file(QUEUE_MEMBER, queue_copy)
                manifest.queue_file = QUEUE_MEMBER
            for relative, source in data_files(root):
                writer.add_file(DATA_PREFIX + relative, source)
            writer.finish(manifest)
    return BackupResult(path=path, manifest=manifest, seconds=time.monotonic() - started)
