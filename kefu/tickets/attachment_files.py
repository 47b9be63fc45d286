"""Attachment files (附件文件): checked by content, written atomically under the data directory.

Files live at ``DATA_DIR/attachments/YYYY/MM/<uuid>.<ext>``; the database keeps the path
relative to ``DATA_DIR``. A file is written to a temporary name in its final folder, hashed
while written, flushed to disk and then renamed, so a reader never sees half a file. Nothing is
written for a refused upload: the type is checked on the first bytes, the size while copying,
then images are re-encoded and active PDFs refused (``content_checks``) before the rename.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kefu.core.errors import NotFound, ValidationFailed
from kefu.tickets import content_checks
from kefu.tickets.sniffing import HEAD_BYTES, PDF, FileKind, sniff

FOLDER = "attachments"
CHUNK = 64 * 1024


def max_bytes() -> int:
    """The size limit of one attachment (setting ``KEFU_ATTACHMENT_MAX_BYTES``, 10 MiB)."""
    return int(getattr(settings, "KEFU_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


@dataclass(frozen=True)
class StoredFile:
    kind: FileKind
    size: int
    sha256: str
    stored_path: str  # relative to DATA_DIR, with forward slashes


def _too_large(limit: int) -> ValidationFailed:
    message = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    return ValidationFailed(message, fields={"file": [message]})


def _read_head(content: IO[bytes]) -> bytes:
    head = b""
    while len(head) < HEAD_BYTES:
        piece = content.read(HEAD_BYTES - len(head))
        if not piece:
            break
        head += piece
    return head


def _clean_active_content(path: Path, kind: FileKind, size: int, sha256: str) -> tuple[int, str]:
    """Re-encode an image / refuse an active PDF (``kefu.tickets.content_checks``) in place;
    the stored size and hash."""
    data = path.read_bytes()
    try:
        cleaned = content_checks.clean(data, kind)
    except content_checks.ActiveContent:
        if kind == PDF:
            message = _(
                "PDF documents with scripts, launch actions or embedded files cannot be attached."
            )
        else:
            message = _("The file is not a valid %(type)s image.") % {
                "type": kind.extension.upper()
            }
        raise ValidationFailed(message, fields={"file": [message]}) from None
    if cleaned == data:
        return size, sha256
    with path.open("wb") as out:
        out.write(cleaned)
        out.flush()
        os.fsync(out.fileno())
    return len(cleaned), hashlib.sha256(cleaned).hexdigest()


def store(content: IO[bytes], *, at: dt.datetime, declared_size: int | None = None) -> StoredFile:
    """Check the upload's type and size and write it; raise ``ValidationFailed`` otherwise."""
    limit = max_bytes()
    if declared_size is not None and declared_size > limit:
        raise _too_large(limit)
    head = _read_head(content)
    if not head:
        message = _("The file is empty.")
        raise ValidationFailed(message, fields={"file": [message]})
    kind = sniff(head)
    if kind is None:
        message = _("Only images (JPEG, PNG, GIF, WebP) and PDF documents can be attached.")
        raise ValidationFailed(message, fields={"file": [message]})
    relative = f"{FOLDER}/{at:%Y}/{at:%m}/{uuid.uuid4().hex}.{kind.extension}"
    final = Path(settings.DATA_DIR) / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, tmp_name = tempfile.mkstemp(prefix=".upload-", dir=final.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            piece = head
            while piece:
                size += len(piece)
                if size > limit:
                    raise _too_large(limit)
                digest.update(piece)
                out.write(piece)
                piece = content.read(CHUNK)
            out.flush()
            os.fsync(out.fileno())
        size, sha256 = _clean_active_content(Path(tmp_name), kind, size, digest.hexdigest())
        os.replace(tmp_name, final)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return StoredFile(kind=kind, size=size, sha256=sha256, stored_path=relative)


def path_of(stored_path: str) -> Path:
    """The absolute path of a stored attachment; refuses anything outside the folder."""
    root = (Path(settings.DATA_DIR) / FOLDER).resolve()
    path = (Path(settings.DATA_DIR) / stored_path).resolve()
    if root not in path.parents:
        raise ValueError(f"attachment path outside {root}: {stored_path}")
    return path


def discard(stored_path: str) -> None:
    """Remove a stored file whose row was not written (the transaction failed)."""
    path_of(stored_path).unlink(missing_ok=True)


def download(stored_path: str, *, name: str, content_type: str) -> FileResponse:
    """The stored file as a download (``Content-Disposition: attachment``) of its checked
    type; ``NotFound`` if the file has gone from the disk."""
    try:
        handle = path_of(stored_path).open("rb")
    except (OSError, ValueError):
        raise NotFound(_("The file of this attachment is missing.")) from None
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
