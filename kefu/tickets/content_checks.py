"""Active content checks (主动内容检查): images are re-encoded, PDFs with actions are refused.

An image is decoded and written again with Pillow, so only pixels survive: trailing HTML after a
PNG's ``IEND``, a JPEG/HTML polyglot, comments and metadata are dropped, and a file that does
not decode as the image its signature claims is refused. A PDF that names JavaScript, a launch
action or an embedded file (also spelt with ``#xx`` escapes) is refused. Pure: no Django.
"""

from __future__ import annotations

import io
import re
import warnings
import zlib

from PIL import Image, UnidentifiedImageError

from kefu.tickets.sniffing import GIF, JPEG, PDF, PNG, WEBP, FileKind

# Pillow's format name of each image kind.
FORMATS = {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WEBP"}
# Image settings written again (animation and transparency); everything else is dropped.
KEPT_INFO = frozenset({"duration", "loop", "transparency", "background", "disposal"})
# PDF names that run code or carry other files.
ACTIVE_PDF_NAMES = frozenset({b"/javascript", b"/js", b"/launch", b"/embeddedfile"})
_PDF_NAME = re.compile(rb"/[A-Za-z0-9#]+")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
MAX_INFLATED = 50 * 1024 * 1024


class ActiveContent(ValueError):
    """The file carries active content or does not decode as the type it claims."""


def reencode_image(data: bytes, kind: FileKind) -> bytes:
    """The image decoded and written again in its own format; ``ActiveContent`` if it does
    not decode as that format (or is a decompression bomb)."""
    expected = FORMATS[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[expected]) as image:
                frames = getattr(image, "n_frames", 1)
                image.load()
                # Comments, EXIF, XMP and other metadata are not written again.
                image.info = {k: v for k, v in image.info.items() if k in KEPT_INFO}
                out = io.BytesIO()
                if frames > 1 and kind in (GIF, WEBP):
                    image.save(out, format=expected, save_all=True)
                else:
                    image.save(out, format=expected)
    except (UnidentifiedImageError, Warning, Exception) as exc:  # any decoding failure
        raise ActiveContent(str(exc)) from exc
    return out.getvalue()


def _inflated_streams(data: bytes) -> list[bytes]:
    """The Flate-compressed streams of a PDF, inflated (object streams hide names there)."""
    inflated = []
    for match in _STREAM.finditer(data):
        try:
            inflated.append(zlib.decompressobj().decompress(match.group(1), MAX_INFLATED))
        except zlib.error:
            continue
    return inflated


def active_pdf_names(data: bytes) -> set[str]:
    """The active names (``/JavaScript``, ``/JS``, ``/Launch``, ``/EmbeddedFile``) in a PDF,
    also inside compressed streams."""
    found = set()
    for part in (data, *_inflated_streams(data)):
        found |= _names_in(part)
    return found


def _names_in(data: bytes) -> set[str]:
    found = set()
    for match in _PDF_NAME.finditer(data):
        name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(0)).lower()
        if name in ACTIVE_PDF_NAMES:
            found.add(name.decode("latin-1"))
    return found


def clean(data: bytes, kind: FileKind) -> bytes:
    """The bytes to store for an upload of ``kind``; ``ActiveContent`` if it must be refused."""
    if kind == PDF:
        if active_pdf_names(data):
            raise ActiveContent("active PDF content")
        return data
    return reencode_image(data, kind)
