"""Measured durations (时长度量) whose percentiles the KPIs report, in whole minutes.

A *measure* is a duration per row of a source (the working minutes a first response took,
the calendar time from opening to the first response). Its percentiles are reported in whole
minutes: each row's duration is rounded half up to the minute in SQL (``WholeMinutes``), and
because rounding keeps the order, the nearest-rank percentile of the rounded values is the
rounded percentile of the exact ones. Whole minutes make the figures exact from the daily
rollups too: a rollup keeps, per day and group key, how many rows took each number of minutes
(``histograms``), and a month's percentile is read from the sum of its days' histograms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from kefu.kpis.sources import (
    CALENDAR_RESPONSE,
    DEADLINES_FIRST_RESPONSE,
    TICKETS_FIRST_RESPONSE,
    ElapsedTime,
    Source,
)

MICROSECONDS_PER_MINUTE = 60_000_000


class WholeMinutes(models.Func):
    """A duration rounded half up (away from zero) to whole minutes (整分钟), as an integer.

    PostgreSQL rounds the exact seconds (``numeric``) of the interval; SQLite rounds the
    integer microseconds of ``ElapsedTime`` with integer division (truncating toward zero on
    both sides of zero). Python's ``Decimal`` with ``ROUND_HALF_UP`` gives the same minute."""

    output_field = models.BigIntegerField()

    def __init__(self, elapsed: ElapsedTime) -> None:
        super().__init__(elapsed)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST(ROUND(EXTRACT(EPOCH FROM {sql}) / 60) AS bigint)", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        half, whole = MICROSECONDS_PER_MINUTE // 2, MICROSECONDS_PER_MINUTE
        rounded = (
            f"(CASE WHEN {sql} >= 0 THEN ({sql} + {half}) / {whole}"
            f" ELSE -(({half} - {sql}) / {whole}) END)"
        )
        return rounded, (*params, *params, *params)


@dataclass(frozen=True)
class Measure:
    """One measured duration (时长度量): its name in the rollups' histograms, the source whose
    rows carry it, and the SQL for a row's whole minutes."""

    key: str
    source: Source
    minutes: Any


WORKING_RESPONSE = Measure(
    "fr_working", DEADLINES_FIRST_RESPONSE, models.F("used_minutes")
)  # the calendar engine counts whole working minutes already
CALENDAR_RESPONSE_MINUTES = Measure(
    "fr_calendar", TICKETS_FIRST_RESPONSE, WholeMinutes(CALENDAR_RESPONSE)
)

MEASURES: tuple[Measure, ...] = (WORKING_RESPONSE, CALENDAR_RESPONSE_MINUTES)
