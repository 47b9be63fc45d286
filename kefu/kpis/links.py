"""Links to the records behind a figure (指标明细链接)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def records_url(
    kpi: str,
    part: str,
    start: dt.date,
    end: dt.date,
    group_by: str | None = None,
    key: str | None = None,
) -> str:
    """The records page listing exactly the rows counted by the ``part`` ("numerator" or
    "denominator") of ``kpi`` over [start, end), in the group ``key`` of ``group_by``."""
    query = {"kpi": kpi, "part": part, "from": start.isoformat(), "to": end.isoformat()}
    if group_by:
        query["group_by"] = group_by
        query["key"] = key or ""
    path = _records_path(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return f"{path}?{urlencode(query)}"


@lru_cache(maxsize=16)
def _records_path(prefix: str, urlconf: object, root: str) -> str:
    """The records page's path, reversed once per script prefix and URL configuration: a
    table of 300 people has thousands of links and reversing each took half the page."""
    return reverse("kpis:records")
