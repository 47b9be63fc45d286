"""The records behind a figure (指标明细): exactly the rows a numerator or denominator counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.kpis.aggregate import local_midnight, source_rows
from kefu.kpis.catalog import CATALOG
from kefu.kpis.scope import scope_of
from kefu.kpis.sources import (
    BACKLOG,
    COUNTER_SOURCE,
    DIMENSIONS,
    TICKETS_CREATED,
    Source,
    backlog_condition,
)

PARTS = ("numerator", "denominator")


@dataclass(frozen=True)
class RecordSet:
    """Rows of one kind (work orders, deadlines, …) with the counter they make up."""

    kind: str
    counter: str
    rows: models.QuerySet[Any]


def counted_rows(
    *,
    user: Any,
    kpi: str,
    part: str,
    start: dt.date,
    end: dt.date,
    group_by: str | None = None,
    key: str | None = None,
    at: dt.datetime | None = None,
) -> RecordSet:
    """The rows counted by ``part`` of ``kpi`` over [start, end) in the group, in the user's
    scope (``NotPermitted`` without ``kpis.view_kpis``; ``ValidationFailed`` for bad input)."""
    errors: dict[str, list[str]] = {}
    definition = CATALOG.get(kpi)
    counter = None
    if definition is None:
        errors["kpi"] = [_("Unknown KPI.")]
    elif part not in PARTS or getattr(definition, part) is None:
        errors["part"] = [_("This figure has no such part.")]
    else:
        counter = getattr(definition, part)
    if start >= end:
        errors["to"] = [_("The end must be after the start.")]
    if group_by is not None and group_by not in DIMENSIONS:
        errors["group_by"] = [_("Group by one of: %(names)s.") % {"names": ", ".join(DIMENSIONS)}]
    if errors or counter is None:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    scope = scope_of(user)
    at = at or now()
    source: Source
    if counter == BACKLOG:
        source = TICKETS_CREATED
        rows = scope.rows(source).filter(backlog_condition(min(local_midnight(end), at), at))
    else:
        source = COUNTER_SOURCE[counter]
        rows = source_rows(source, scope=scope, start=start, end=end, at=at).filter(
            source.counter(counter).condition(at)
        )
    if group_by is not None:
        rows = rows.alias(_kpi_key=source.dimension(group_by)).filter(_kpi_key=key or "")
    if source.related:
        rows = rows.select_related(*source.related)
    return RecordSet(kind=source.record_kind, counter=counter, rows=rows)
