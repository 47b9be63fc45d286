"""Keyset cursors (游标分页): opaque tokens for "the page after this row", pure functions.

Lists are paginated by (sort key, id) and never by COUNT(*) or OFFSET over a whole table.
"""

from __future__ import annotations

import base64
import json
from typing import Any


class BadCursor(ValueError):
    pass


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), ensure_ascii=False, default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> list[Any]:
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(token) from exc
    if not isinstance(values, list):
        raise BadCursor(token)
    return values
