"""Links to the records behind a figure (指标明细链接)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse


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
    return f"{reverse('kpis:records')}?{urlencode(query)}"
