"""File type by content (按内容识别文件类型): magic bytes of the attachment types we accept.

Pure: no Django. The name and the declared type of an upload are never trusted; an SVG or an
HTML page named ``photo.png`` has no image signature and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

# Enough of the file's start to recognise every type below.
HEAD_BYTES = 16


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


JPEG = FileKind("image/jpeg", "jpg")
PNG = FileKind("image/png", "png")
GIF = FileKind("image/gif", "gif")
WEBP = FileKind("image/webp", "webp")
PDF = FileKind("application/pdf", "pdf")

ACCEPTED = (JPEG, PNG, GIF, WEBP, PDF)


def sniff(head: bytes) -> FileKind | None:
    """The accepted kind whose signature starts ``head`` (the first bytes), else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if len(head) >= 12 and head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    return None
