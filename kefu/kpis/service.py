"""The KPI table (考核指标表): the public API of the KPIs for pages, reports and the JSON API.

``kpi_table(user=…, start=…, end=…, group_by=…, period=…, codes=…)`` returns one ``KpiRow``
per group key and period bucket, each with a ``KpiCell`` per KPI: value, numerator,
denominator, unit, display text and the links to the records counted. ``end`` is exclusive.

Users who see every row read closed days (before today) from the daily rollups when they are
all there (counters, backlog and the minute histograms of the percentiles) and count the rest
live; a user restricted to their own work is always counted live.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.kpis import formulas
from kefu.kpis.aggregate import Counts, backlog_live, count_live, local_midnight, percentiles_live
from kefu.kpis.catalog import CATALOG, KPI_CODES, Kpi, counters_of
from kefu.kpis.formulas import Figure
from kefu.kpis.histograms import add, histogram_live, percentiles_from, read_histograms
from kefu.kpis.labels import group_labels
from kefu.kpis.links import records_url
from kefu.kpis.periods import PERIODS, buckets
from kefu.kpis.rollup import covered, read_backlog, read_counts
from kefu.kpis.scope import KpiScope, scope_of
from kefu.kpis.sources import BACKLOG, DIMENSIONS

__all__ = ["KPI_CODES", "KpiCell", "KpiRow", "kpi_table", "validate_request"]


@dataclass(frozen=True)
class KpiCell:
    """One figure of the table (指标单元格)."""

    code: str
    label: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    unit: str
    display: str
    numerator_url: str | None
    denominator_url: str | None


@dataclass(frozen=True)
class KpiRow:
    """One row (指标行): a group key (empty when not grouped) and a period bucket."""

    group_key: str
    group_label: str
    period_start: dt.date | None
    cells: dict[str, KpiCell]


def validate_request(
    *, start: dt.date, end: dt.date, group_by: str | None, period: str | None, codes: Sequence[str]
) -> None:
    """Refuse a bad request with per-field messages (``ValidationFailed``)."""
    errors: dict[str, list[str]] = {}
    if start >= end:
        errors["to"] = [_("The end must be after the start.")]
    if group_by is not None and group_by not in DIMENSIONS:
        errors["group_by"] = [_("Group by one of: %(names)s.") % {"names": ", ".join(DIMENSIONS)}]
    if period is not None and period not in PERIODS:
        errors["period"] = [_("The period is one of: %(names)s.") % {"names": ", ".join(PERIODS)}]
    unknown = [code for code in codes if code not in CATALOG]
    if unknown:
        errors["codes"] = [_("Unknown KPI: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)


def _add(into: Counts, more: Counts) -> None:
    for key, cell in more.items():
        target = into.setdefault(key, {})
        for name, value in cell.items():
            target[name] = target.get(name, 0) + value


def _counts(
    counters: set[str],
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    group_by: str | None,
    period: str | None,
) -> Counts:
    """Rollups for the closed days when the user sees everything and they are complete; live
    counts for the rest."""
    today = timezone.localdate(at)
    split = min(max(start, today), end)
    result: Counts = {}
    if not counters:
        return result
    if scope.is_everything and start < split and covered(start, split):
        _add(
            result,
            read_counts(counters, start=start, end=split, dimension=group_by, period=period),
        )
        live_start = split
    else:
        live_start = start
    _add(
        result,
        count_live(
            counters,
            scope=scope,
            start=live_start,
            end=end,
            at=at,
            dimension=group_by,
            period=period,
        ),
    )
    return result


def _backlog_at(
    end: dt.date, *, scope: KpiScope, at: dt.datetime, group_by: str | None
) -> dict[str, int]:
    """Backlog at the end of [.., end): from the rollup of the day before when it is a closed
    day and rolled up, else live (at ``at`` when the end is still to come)."""
    last_day = end - dt.timedelta(days=1)
    if scope.is_everything and last_day < timezone.localdate(at) and covered(last_day, end):
        return read_backlog(last_day, group_by)
    return backlog_live(scope=scope, end=min(local_midnight(end), at), dimension=group_by, at=at)


def _percentiles(
    kpis: Sequence[Kpi],
    *,
    scope: KpiScope,
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    group_by: str | None,
    period: str | None,
) -> dict[str, dict[tuple[str, dt.date | None], Any]]:
    """The percentile KPIs by code, in whole minutes. Closed days come from the rollups'
    minute histograms when the user sees everything and the days are rolled up, the rest from
    one GROUP BY per measure; otherwise one window query per measure for all the percents
    asked of it (the median and the 90th percentile share their window)."""
    wanted: dict[str, list[Kpi]] = {}
    for kpi in kpis:
        if kpi.percentile is not None:
            wanted.setdefault(kpi.percentile.measure.key, []).append(kpi)
    if not wanted:
        return {}
    measures = {
        key: same[0].percentile.measure for key, same in wanted.items() if same[0].percentile
    }
    percents = {
        key: [kpi.percentile.percent for kpi in same if kpi.percentile is not None]
        for key, same in wanted.items()
    }
    today = timezone.localdate(at)
    split = min(max(start, today), end)
    found: dict[str, dict[int, dict[tuple[str, dt.date | None], Any]]] = {}
    if scope.is_everything and start < split and covered(start, split):
        stored = read_histograms(
            measures.values(), start=start, end=split, dimension=group_by, period=period
        )
        for key, measure in measures.items():
            add(
                stored[key],
                histogram_live(
                    measure,
                    scope=scope,
                    start=split,
                    end=end,
                    at=at,
                    dimension=group_by,
                    period=period,
                ),
            )
            found[key] = percentiles_from(stored[key], percents[key])
    else:
        for key, measure in measures.items():
            found[key] = percentiles_live(
                measure.source,
                measure.minutes,
                percents[key],
                scope=scope,
                start=start,
                end=end,
                at=at,
                dimension=group_by,
                period=period,
            )
    result: dict[str, dict[tuple[str, dt.date | None], Any]] = {}
    for key, same in wanted.items():
        for kpi in same:
            assert kpi.percentile is not None
            result[kpi.code] = found[key][kpi.percentile.percent]
    return result


def _figure(kpi: Kpi, counts: dict[str, int], percentile: Any, backlog: int) -> Figure:
    if kpi.numerator == BACKLOG:
        return formulas.count(backlog)
    if kpi.percentile is not None:
        responses = counts.get(kpi.denominator or "", 0)
        if percentile is None:
            return Figure(None, None, responses)
        value = Decimal(int(percentile)).quantize(formulas.ONE_DECIMAL)
        return Figure(value, None, responses)
    assert kpi.formula is not None
    return kpi.formula(counts)


def kpi_table(
    *,
    user: Any,
    start: dt.date,
    end: dt.date,
    group_by: str | None = None,
    period: str | None = None,
    codes: Sequence[str] = KPI_CODES,
) -> list[KpiRow]:
    """The KPIs of [start, end) (考核指标), one row per group key × period bucket.

    Raises ``NotPermitted`` without ``kpis.view_kpis`` and ``ValidationFailed`` for a bad
    range, group or period. Rows are ordered by group label then period; only groups with
    something counted appear.
    """
    validate_request(start=start, end=end, group_by=group_by, period=period, codes=codes)
    scope = scope_of(user)
    at = now()
    kpis = [CATALOG[code] for code in codes]
    counters: set[str] = set()
    for kpi in kpis:
        counters |= counters_of(kpi)
    counts = _counts(
        counters, scope=scope, start=start, end=end, at=at, group_by=group_by, period=period
    )
    spans = list(buckets(start, end, period)) if period else [(start, end)]
    bucket_keys: list[dt.date | None] = [b for b, _e in spans] if period else [None]
    percentiles = _percentiles(
        kpis, scope=scope, start=start, end=end, at=at, group_by=group_by, period=period
    )
    backlogs: dict[dt.date | None, dict[str, int]] = {}
    if any(kpi.numerator == BACKLOG for kpi in kpis):
        for bucket, (_b, bucket_end) in zip(bucket_keys, spans, strict=True):
            backlogs[bucket] = _backlog_at(
                min(bucket_end, end), scope=scope, at=at, group_by=group_by
            )
    keys = {key for key, _p in counts} | {k for b in backlogs.values() for k, v in b.items() if v}
    for values in percentiles.values():
        keys |= {key for key, _p in values}
    if group_by is None:
        keys = {""}
    labels = group_labels(group_by, keys)
    rows: list[KpiRow] = []
    for key in sorted(keys, key=lambda k: (labels[k] == _("(none)"), labels[k], k)):
        for bucket, (bucket_start, bucket_end) in zip(bucket_keys, spans, strict=True):
            span_start, span_end = max(bucket_start, start), min(bucket_end, end)
            cell_counts = counts.get((key, bucket), {})
            cells = {}
            for kpi in kpis:
                figure = _figure(
                    kpi,
                    cell_counts,
                    percentiles.get(kpi.code, {}).get((key, bucket)),
                    backlogs.get(bucket, {}).get(key, 0),
                )
                cells[kpi.code] = _cell(kpi, figure, span_start, span_end, group_by, key)
            rows.append(KpiRow(key, labels[key], bucket, cells))
    return rows


def _cell(
    kpi: Kpi,
    figure: Figure,
    start: dt.date,
    end: dt.date,
    group_by: str | None,
    key: str,
) -> KpiCell:
    def link(part: str, counter: str | None) -> str | None:
        if counter is None:
            return None
        return records_url(kpi.code, part, start, end, group_by, key if group_by else None)

    return KpiCell(
        code=kpi.code,
        label=str(kpi.label),
        value=figure.value,
        numerator=figure.numerator,
        denominator=figure.denominator,
        unit=kpi.unit,
        display=formulas.display(figure.value, kpi.unit),
        numerator_url=link("numerator", kpi.numerator),
        denominator_url=link("denominator", kpi.denominator),
    )
