"""Reading a KPI request's parameters (参数解析) from a query string, with per-field errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kefu.core.errors import ValidationFailed


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    group_by: str | None
    period: str | None


def parse_day(value: str, name: str, errors: dict[str, list[str]]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        errors[name] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def parse_span(query: Mapping[str, str], *, default_start: dt.date, default_end: dt.date) -> Span:
    """``from``, ``to`` (exclusive), ``group_by`` and ``period`` of a query string."""
    errors: dict[str, list[str]] = {}
    start = parse_day(query["from"], "from", errors) if query.get("from") else default_start
    end = parse_day(query["to"], "to", errors) if query.get("to") else default_end
    if errors or start is None or end is None:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return Span(
        start=start,
        end=end,
        group_by=query.get("group_by") or None,
        period=query.get("period") or None,
    )
