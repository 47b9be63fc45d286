"""What a backup holds (备份内容): the data directory's entries and the archive's member names."""

from __future__ import annotations

import importlib.metadata
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from kefu.core.backup.manifest import files_under

# Below DATA_DIR: work order attachments, uploaded files, import uploads, the generated key.
DATA_ENTRIES = ("attachments", "files", "imports", "secret_key")
DATA_PREFIX = "data/"
SQLITE_MEMBER = "database/kefu.sqlite3"
PG_MEMBER = "database/kefu.pgdump"
QUEUE_MEMBER = "queue/tasks.sqlite3"


class BackupError(Exception):
    """Backup or restore refused or failed; the message is translated and says what to do."""


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def data_files(root: Path) -> Iterator[tuple[str, Path]]:
    """``(path below the data directory, file)`` of every file that belongs in a backup.

    Names starting with a dot are uploads still being written (``.upload-…``) and are left out.
    """
    for entry in DATA_ENTRIES:
        for path in files_under(root / entry):
            relative = path.relative_to(root)
            if not any(part.startswith(".") for part in relative.parts):
                yield relative.as_posix(), path


def queue_file() -> Path | None:
    """The embedded task queue's SQLite file, when Huey runs on SQLite (not Redis)."""
    conf = settings.HUEY
    if not str(conf.get("huey_class", "")).endswith("SqliteHuey") or not conf.get("filename"):
        return None
    return Path(conf["filename"])


def kefu_version() -> str:
    """The package version, with ``git describe`` when running from a checkout."""
    try:
        version = importlib.metadata.version("kefu")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    repo = Path(settings.REPO_DIR)
    if (repo / ".git").exists():
        try:
            described = subprocess.run(
                ["git", "-C", str(repo), "describe", "--always", "--dirty", "--tags"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            described = ""
        if described:
            return f"{version} ({described})"
    return version
