"""Backup manifest (备份清单): what an archive holds, with a sha256 of every file.

Pure: no Django. The manifest is ``manifest.json`` at the top of the archive; every other
member is listed under ``files`` with its size and sha256, and restore refuses an archive whose
members differ from the list in any way (missing, extra, other size or checksum).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

FORMAT = 1
NAME = "manifest.json"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


@dataclass
class Manifest:
    kefu_version: str
    created_at: str  # ISO 8601 with offset
    vendor: str  # "sqlite" | "postgresql"
    database_file: str  # archive member of the database copy or dump
    migrations: dict[str, str]  # app label → latest applied migration
    queue_file: str = ""  # archive member of the task-queue copy, "" if none
    files: dict[str, FileEntry] = field(default_factory=dict)  # member → size, sha256

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "format": FORMAT,
            "kefu_version": self.kefu_version,
            "created_at": self.created_at,
            "database": {"vendor": self.vendor, "file": self.database_file},
            "migrations": dict(sorted(self.migrations.items())),
            "queue_file": self.queue_file,
            "files": {
                name: {"size": entry.size, "sha256": entry.sha256}
                for name, entry in sorted(self.files.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest; ``ValueError`` for anything that is not one of ours."""
        try:
            data = json.loads(text)
            if data["format"] != FORMAT:
                raise ValueError(f"manifest format {data['format']!r}, expected {FORMAT}")
            return cls(
                kefu_version=str(data["kefu_version"]),
                created_at=str(data["created_at"]),
                vendor=str(data["database"]["vendor"]),
                database_file=str(data["database"]["file"]),
                migrations={str(k): str(v) for k, v in data["migrations"].items()},
                queue_file=str(data.get("queue_file", "")),
                files={
                    str(name): FileEntry(size=int(entry["size"]), sha256=str(entry["sha256"]))
                    for name, entry in data["files"].items()
                },
            )
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a Kefu backup manifest: {exc}") from exc

    def data_files(self, prefix: str) -> dict[str, FileEntry]:
        """The entries under ``prefix`` (``data/``), keyed by their path below it."""
        return {
            name[len(prefix) :]: entry
            for name, entry in self.files.items()
            if name.startswith(prefix)
        }


def sha256_of(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while piece := handle.read(CHUNK):
            digest.update(piece)
            size += len(piece)
    return FileEntry(size=size, sha256=digest.hexdigest())


class HashingReader:
    """A read-only file wrapper that hashes what is read through it (tarfile reads once)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        piece = self.raw.read(size)
        self.digest.update(piece)
        self.size += len(piece)
        return piece

    def entry(self) -> FileEntry:
        return FileEntry(size=self.size, sha256=self.digest.hexdigest())


def files_under(root: Path) -> Iterator[Path]:
    """Regular files below ``root`` in a stable order (symbolic links are not followed)."""
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def mismatches(expected: dict[str, FileEntry], root: Path, names: Iterable[str]) -> list[str]:
    """Where the files ``names`` below ``root`` differ from ``expected``: one line each."""
    problems: list[str] = []
    present = set(names)
    for name in sorted(set(expected) - present):
        problems.append(f"{name}: missing")
    for name in sorted(present - set(expected)):
        problems.append(f"{name}: not in the manifest")
    for name in sorted(present & set(expected)):
        actual = sha256_of(root / name)
        if actual != expected[name]:
            problems.append(f"{name}: checksum differs")
    return problems


def latest_migrations(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The latest applied migration per app from ``(app, name)`` rows (names sort by number)."""
    latest: dict[str, str] = {}
    for app, name in rows:
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))
