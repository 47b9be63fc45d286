"""Restoring a backup (恢复备份): check everything first, keep what is replaced, check again.

Order: unpack into a scratch folder inside the data directory and check every checksum
(a damaged or altered archive changes nothing); refuse another database vendor, and a
database that already holds data unless ``force``; put the database in place (SQLite: a
checked copy renamed over the file while the server is stopped; PostgreSQL: ``pg_restore
--clean --if-exists --no-owner`` in one transaction); swap the file folders in; hash the
restored files again. The replaced SQLite file stays beside it
(``kefu.sqlite3.before-restore-…``), the replaced folders under
``DATA_DIR/before-restore-…/``, until the operator deletes them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.core.backup import postgres, sqlitecopy
from kefu.core.backup.archive import ArchiveError, extract
from kefu.core.backup.layout import (
    DATA_ENTRIES,
    DATA_PREFIX,
    BackupError,
    data_dir,
    data_files,
    queue_file,
)
from kefu.core.backup.manifest import Manifest, latest_migrations, mismatches, sha256_of


@dataclass
class RestoreResult:
    manifest: Manifest
    kept: list[Path] = field(default_factory=list)  # where the replaced data now is
    pending_migrations: int = 0
    seconds: float = 0.0


def user_count() -> int:
    """User accounts in the configured database (0 when it was never migrated)."""
    connection = connections["default"]
    table = get_user_model()._meta.db_table
    if table not in connection.introspection.table_names():
        return 0
    return int(get_user_model()._default_manager.count())


def _unpack(archive: Path, work: Path) -> Manifest:
    try:
        return extract(archive, work)
    except ArchiveError as exc:
        shown = "; ".join(exc.problems[:5]) + ("; …" if len(exc.problems) > 5 else "")
        raise BackupError(
            _("The archive %(name)s is damaged or was altered (%(problems)s). Nothing was changed.")
            % {"name": archive.name, "problems": shown}
        ) from exc


def _refuse_unless_fit(manifest: Manifest, *, force: bool) -> None:
    vendor = connections["default"].vendor
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "The archive holds a %(archive)s database but Kefu is configured for "
                "%(configured)s. Nothing was changed."
            )
            % {"archive": manifest.vendor, "configured": vendor}
        )
    users = user_count()
    if users and not force:
        raise BackupError(
            _(
                "The database already holds data (user accounts: %(users)d); a restore replaces "
                "it. Stop the server, make a backup, then run the restore again with --force. "
                "Nothing was changed."
            )
            % {"users": users}
        )


def _restore_database(manifest: Manifest, work: Path, stamp: str) -> Path | None:
    connection = connections["default"]
    conf = connection.settings_dict
    dump = work / manifest.database_file
    connections.close_all()
    if connection.vendor == "sqlite":
        target = Path(conf["NAME"])
        kept = sqlitecopy.put_in_place(
            dump, target, keep_as=f"{target.name}.before-restore-{stamp}"
        )
        if sha256_of(target) != manifest.files[manifest.database_file]:
            raise BackupError(_("The restored database file does not match the archive."))
        return kept
    try:
        postgres.restore(conf, dump)
    except postgres.ToolError as exc:
        raise BackupError(
            _("pg_restore failed, the database was left as it was: %(error)s") % {"error": exc}
        ) from exc
    restored = latest_migrations(MigrationRecorder(connection).applied_migrations().keys())
    if restored != manifest.migrations:
        raise BackupError(_("The restored database's migration state differs from the archive's."))
    return None


def _restore_queue(manifest: Manifest, work: Path, stamp: str) -> Path | None:
    target = queue_file()
    if not manifest.queue_file or target is None:
        return None
    return sqlitecopy.put_in_place(
        work / manifest.queue_file, target, keep_as=f"{target.name}.before-restore-{stamp}"
    )


def _restore_files(work: Path, root: Path, stamp: str) -> Path | None:
    """Swap each data entry for the archive's; the old ones move to ``before-restore-…/``."""
    keep = root / f"before-restore-{stamp}"
    for entry in DATA_ENTRIES:
        current, restored = root / entry, work / DATA_PREFIX.rstrip("/") / entry
        if current.exists():
            keep.mkdir(exist_ok=True)
            os.replace(current, keep / entry)
        if restored.exists():
            os.replace(restored, current)
    return keep if keep.exists() else None


def _pending_migrations() -> int:
    executor = MigrationExecutor(connections["default"])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def restore_backup(archive: Path, *, force: bool = False) -> RestoreResult:
    """Restore ``archive`` into the configured database and data directory."""
    started = time.monotonic()
    if not archive.is_file():
        raise BackupError(_("There is no backup archive at %(path)s.") % {"path": archive})
    root = data_dir()
    stamp = f"{timezone.localtime():%Y%m%d-%H%M%S}"
    work = Path(tempfile.mkdtemp(dir=root, prefix=".restore-"))
    try:
        manifest = _unpack(archive, work)
        _refuse_unless_fit(manifest, force=force)
        result = RestoreResult(manifest=manifest)
        for kept in (
            _restore_database(manifest, work, stamp),
            _restore_queue(manifest, work, stamp),
            _restore_files(work, root, stamp),
        ):
            if kept is not None:
                result.kept.append(kept)
        present = dict(data_files(root))
        problems = mismatches(manifest.data_files(DATA_PREFIX), root, present)
        if problems:
            raise BackupError(
                _("The restored files do not match the archive: %(problems)s")
                % {"problems": "; ".join(problems[:5])}
            )
        result.pending_migrations = _pending_migrations()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.seconds = time.monotonic() - started
    return result
