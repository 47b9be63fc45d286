"""Filling a standard reply (标准回复语填充): ``{name}`` placeholders replaced by values.

Pure: no Django. Deliberately not ``str.format``/``format_map``: those follow attribute and
index lookups (``{customer_name.__class__}``, ``{0.__globals__}``) and format specs
(``{number:>99999999}``), so a hostile template could leak internals or exhaust memory. Only a
bare ``{identifier}`` whose name has a value is replaced; every other brace stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

# The variables a template may use, in the order the editor lists them.
VARIABLES = ("customer_name", "number", "title", "agent_name", "due", "type_name")


def fill(body: str, values: Mapping[str, str | None]) -> str:
    """``body`` with each known ``{name}`` replaced; unknown or empty names stay intact."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) if value is None or value == "" else str(value)

    return PLACEHOLDER.sub(replace, body)


def unknown_names(body: str) -> list[str]:
    """Placeholder names in ``body`` that are not template variables, in order, once each."""
    seen: list[str] = []
    for name in PLACEHOLDER.findall(body):
        if name not in VARIABLES and name not in seen:
            seen.append(name)
    return seen
