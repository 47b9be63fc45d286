"""Template variables (模板变量): fill ``{name}``-style placeholders safely. Pure, no Django.

Only the known identifiers are replaced, by a regular expression, in one pass: a value that
itself contains braces is never expanded again, and anything else in braces (``{0}``,
``{name.__class__}``, ``{{``, ``{x!r}``) stays as written. Never ``str.format`` on a template
someone typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

VARIABLES: tuple[str, ...] = (
    "name",
    "member_number",
    "grade",
    "birthday",
    "member_day",
    "member_expires_on",
)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each known ``{identifier}`` replaced by its value ("" when missing)."""

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in VARIABLES:
            return match.group(0)
        return str(values.get(key, ""))

    return _PLACEHOLDER.sub(fill, text)


def unknown_variables(text: str) -> list[str]:
    """Identifiers in braces that are not variables (likely typos), in order, once each."""
    seen: list[str] = []
    for key in _PLACEHOLDER.findall(text):
        if key not in VARIABLES and key not in seen:
            seen.append(key)
    return seen
