"""SQLite files (SQLite 文件): online copy, checks, and putting a copy in place.

Pure: the standard library's ``sqlite3``, no Django. ``online_copy`` uses SQLite's backup API
in a single step: it reads one snapshot under a read transaction, so in WAL mode the server
keeps writing meanwhile and the copy holds every committed transaction up to one moment and
nothing of a transaction in flight. ``put_in_place`` swaps a checked copy in for a database
file while nothing has it open (the server is stopped), keeping the old file and its WAL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

SIDE_FILES = ("-wal", "-shm")


def _uri(path: Path, mode: str) -> str:
    """A URI that opens an existing file only (``mode=ro|rw`` never creates one)."""
    return f"{path.resolve().as_uri()}?mode={mode}"


def online_copy(source: Path, target: Path, *, timeout: float = 20.0) -> None:
    """Copy the live database ``source`` to the new file ``target`` as one consistent snapshot."""
    with (
        closing(sqlite3.connect(_uri(source, "rw"), uri=True, timeout=timeout)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst, pages=-1)
        # The copy stands alone: no WAL beside it (the server turns WAL on again when it opens it).
        dst.execute("PRAGMA journal_mode=DELETE")


def integrity_errors(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of a database file: [] when it is sound."""
    with closing(sqlite3.connect(_uri(path, "ro"), uri=True)) as db:
        rows = [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def applied_migrations(path: Path) -> list[tuple[str, str]]:
    """The ``(app, name)`` rows of Django's migration table in a database file."""
    with closing(sqlite3.connect(_uri(path, "ro"), uri=True)) as db:
        try:
            return [
                (str(a), str(n)) for a, n in db.execute("SELECT app, name FROM django_migrations")
            ]
        except sqlite3.OperationalError:  # no such table: never migrated
            return []


def checkpoint(path: Path) -> None:
    """Fold the WAL of ``path`` into the file, so the file alone holds the database."""
    if not path.exists():
        return
    with closing(sqlite3.connect(path, timeout=5.0)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def put_in_place(copy: Path, target: Path, *, keep_as: str) -> Path | None:
    """Make ``copy`` the database at ``target``; the old file moves beside it as ``keep_as``.

    The copy is first written next to the target under a temporary name and flushed; the old
    database is checkpointed (its WAL folded in) and renamed away, then the copy is renamed
    into place, so ``target`` is always a whole database and no old WAL meets the new file.
    Returns where the old database now is (None if there was none).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(copy, staged)
    with staged.open("rb+") as handle:
        os.fsync(handle.fileno())
    kept: Path | None = None
    if target.exists():
        checkpoint(target)
        kept = target.with_name(keep_as)
        os.replace(target, kept)
    for suffix in SIDE_FILES:
        side = target.with_name(target.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(keep_as + suffix))
    os.replace(staged, target)
    return kept
