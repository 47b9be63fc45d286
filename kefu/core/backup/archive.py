"""Backup archive (备份归档): a gzip tar written once, read back only after every check.

Pure: no Django. ``ArchiveWriter`` adds files while hashing them in the same pass and writes
the manifest last; the archive appears under its final name only when complete (written to
``.partial`` and renamed), readable by its owner only (it holds personal data and the secret
key). ``extract`` unpacks into an empty folder with tarfile's ``data`` filter (no absolute
paths, no ``..``, no links or devices) and returns the manifest after checking that the members
are exactly the listed files with the listed checksums.
"""

from __future__ import annotations

import io
import os
import tarfile
import time
from pathlib import Path
from types import TracebackType

from kefu.core.backup.manifest import NAME, FileEntry, HashingReader, Manifest, mismatches


class ArchiveError(Exception):
    """The archive cannot be read, or it is not exactly what its manifest lists."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class ArchiveWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.raw = os.fdopen(fd, "wb")
        self.tar = tarfile.open(fileobj=self.raw, mode="w:gz", compresslevel=6)  # noqa: SIM115
        self.entries: dict[str, FileEntry] = {}

    def add_file(self, member: str, source: Path) -> FileEntry | None:
        """Add ``source`` as ``member``; ``None`` if it vanished before it could be opened."""
        try:
            handle = source.open("rb")
        except FileNotFoundError:
            return None
        with handle:
            stat = os.fstat(handle.fileno())
            info = tarfile.TarInfo(member)
            info.size = stat.st_size
            info.mtime = int(stat.st_mtime)
            info.mode = 0o600
            reader = HashingReader(handle)
            self.tar.addfile(info, reader)
        entry = reader.entry()
        self.entries[member] = entry
        return entry

    def finish(self, manifest: Manifest) -> None:
        manifest.files = dict(self.entries)
        body = manifest.to_json().encode()
        info = tarfile.TarInfo(NAME)
        info.size = len(body)
        info.mtime = int(time.time())
        info.mode = 0o600
        self.tar.addfile(info, io.BytesIO(body))
        self.tar.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.partial, self.path)

    def abandon(self) -> None:
        self.tar.close()
        self.raw.close()
        self.partial.unlink(missing_ok=True)

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self.abandon()


def extract(archive: Path, into: Path) -> Manifest:
    """Unpack ``archive`` into the empty folder ``into`` and check it against its manifest.

    Raise ``ArchiveError`` listing every problem; the caller removes ``into`` then.
    """
    names: list[str] = []
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    raise ArchiveError([f"{member.name}: not a regular file"])
                tar.extract(member, into, filter="data")
                names.append(member.name)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise ArchiveError([f"{archive.name}: {exc}"]) from exc
    if NAME not in names:
        raise ArchiveError([f"{NAME}: missing"])
    try:
        manifest = Manifest.from_json((into / NAME).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError([f"{NAME}: {exc}"]) from exc
    problems = mismatches(manifest.files, into, [n for n in names if n != NAME])
    if len(names) != len(set(names)):
        problems.append("an archive member appears twice")
    if problems:
        raise ArchiveError(problems)
    return manifest
