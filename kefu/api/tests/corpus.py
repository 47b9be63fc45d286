"""Bad-input corpus (恶意输入语料): what hostile or careless clients send to a write endpoint.

``RAW_BODIES`` replace the whole request body; ``REFUSED_VALUES`` replace one field and must be
refused; ``HOSTILE_TEXT`` is valid text that must be stored as text (or refused), never run;
``BAD_DATES`` replace a date or date-time field.
"""

from __future__ import annotations

from typing import Any

MEGABYTE_TEXT = "客" * (1024 * 1024 // 3) + "x" * (1024 * 1024 % 3)  # 1 MiB of UTF-8

# Whole bodies: none of them is a JSON object of the operation's fields.
RAW_BODIES: dict[str, bytes] = {
    "empty": b"",
    "not json": b"not json at all",
    "invalid utf-8": b'{"name": "\xff\xfe\xfa"}',
    "truncated json": b'{"name": "',
    "json array": b"[1, 2, 3]",
    "json string": b'"text"',
    "json null": b"null",
    "huge json": b'{"x": "' + b"a" * (1024 * 1024) + b'"}',
}

# One field replaced: every one of these must be refused with a 4xx.
REFUSED_VALUES: dict[str, Any] = {
    "1 MiB text": MEGABYTE_TEXT,
    "wrong type (object)": {"$ne": None},
    "wrong type (list)": [1, "二", None],
}

# Valid text that looks like an attack: stored verbatim or refused, never evaluated.
HOSTILE_TEXT: dict[str, str] = {
    "empty": "",
    "emoji": "😀👍🏽🇨🇳 好评",
    "full-width": "ＡＢＣ１２３（客服）",
    "rtl override": "\u202egnp.exe\u202c 退款",
    "sql injection": "'; DROP TABLE customers_customer; --",
    "sql union": "1' OR '1'='1' UNION SELECT password FROM accounts_user --",
    "template expression": "{{7*7}}",
    "template tag": "{% debug %}",
    "html": "<script>alert(1)</script>",
    "zero width": "\u200b\u200d\ufeff",
}

# Dates out of range, for date and date-time fields.
BAD_DATES: dict[str, str] = {
    "year 0": "0000-01-01",
    "year 0 date-time": "0000-01-01T00:00:00Z",
    "end of time -12": "9999-12-31T23:59:59-12:00",
    "not a date": "2026-02-30",
    "year 10000": "10000-01-01",
}

# Edge dates that some fields may take (a 1900 birthday; 9999-12-31T09:59:59Z is a real
# moment): accepted or refused, never a 5xx.
EDGE_DATES: dict[str, str] = {
    "1900": "1900-01-01",
    "1900 date-time": "1900-01-01T00:00:00Z",
    "end of time +14": "9999-12-31T23:59:59+14:00",
}

UNKNOWN_FIELDS: dict[str, Any] = {"is_superuser": True, "__proto__": {"admin": True}}
