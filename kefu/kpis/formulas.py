"""KPI formulas (考核指标公式): seed 001 四 and SPEC §9, one pure function per figure.

Pure: no Django, no clock. Each function takes counts (or minutes) already counted by the
database and returns a ``Figure``; a zero denominator gives ``value=None`` (shown "—"), never a
division by zero. Rates are percentages rounded half-up to one decimal; minutes to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)
DASH = "—"


@dataclass(frozen=True)
class Figure:
    """One figure (指标值): its value and what it was computed from.

    ``numerator`` and ``denominator`` are the counts behind a rate (or, for a mean, the sum of
    minutes and the count); ``None`` where the figure has no such part.
    """

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def rate(numerator: int, denominator: int) -> Figure:
    """A percentage (百分率): numerator / denominator × 100%, ``None`` when nothing counted."""
    if numerator < 0 or denominator < 0:
        raise ValueError("counts cannot be negative")
    if denominator == 0:
        return Figure(None, numerator, denominator)
    return Figure(
        _round(Decimal(numerator) * HUNDRED / Decimal(denominator)), numerator, denominator
    )


def satisfaction_rate(*, very_satisfied_and_satisfied: int, surveyed: int) -> Figure:
    """Satisfaction rate (客户满意度) = (非常满意 + 满意) / 总调查客户数 × 100% (seed 001)."""
    return rate(very_satisfied_and_satisfied, surveyed)


def complaint_resolution_rate(*, resolved_complaints: int, complaints: int) -> Figure:
    """Complaint resolution rate (投诉解决率) = 已解决投诉数 / 总投诉数 × 100% (seed 001)."""
    return rate(resolved_complaints, complaints)


def service_error_rate(*, errors: int, services: int) -> Figure:
    """Service error rate (服务差错率) = 服务差错数 / 服务总次数 × 100% (seed 001)."""
    return rate(errors, services)


def complaint_rate(*, complaints: int, work_orders: int) -> Figure:
    """Complaint rate (投诉率) = complaints / all work orders × 100%."""
    return rate(complaints, work_orders)


def sla_compliance(*, met_on_time: int, due: int) -> Figure:
    """SLA compliance (时限达成率) = deadlines met on time / deadlines due × 100%."""
    return rate(met_on_time, due)


def callback_completion(*, done: int, due: int) -> Figure:
    """Callback completion (回访完成率) = callback tasks done / callback tasks due × 100%."""
    return rate(done, due)


def reopen_rate(*, reopened: int, resolved: int) -> Figure:
    """Reopen rate (重开率) = resolved work orders once reopened / resolved × 100%."""
    return rate(reopened, resolved)


def first_contact_resolution(*, resolved_first_time: int, resolved: int) -> Figure:
    """First-contact resolution (首次解决率) = resolved without forwarding or reopening /
    resolved × 100%."""
    return rate(resolved_first_time, resolved)


def partner_timeliness(*, answered_on_time: int, due: int) -> Figure:
    """Partner timeliness (责任单位及时率) = contact orders answered by their reply time /
    contact orders due × 100%."""
    return rate(answered_on_time, due)


def count(value: int) -> Figure:
    """A plain count (数量): volume, backlog."""
    if value < 0:
        raise ValueError("counts cannot be negative")
    return Figure(Decimal(value), value, None)


def mean_minutes(*, total_minutes: Decimal | int | float, responses: int) -> Figure:
    """Mean time in minutes (平均时长) = total minutes / responses; ``None`` without any.

    ``numerator`` is the total rounded to whole minutes, ``denominator`` the count."""
    if responses < 0:
        raise ValueError("counts cannot be negative")
    total = Decimal(str(total_minutes))
    if responses == 0:
        return Figure(None, int(total), 0)
    return Figure(_round(total / Decimal(responses)), int(total), responses)


def percentile_rank(size: int, percent: int) -> int:
    """The 1-based nearest rank (最近秩) of the ``percent``-th percentile in ``size`` sorted
    values: ceil(percent / 100 × size), at least 1. The median is rank ceil(size / 2)."""
    if size <= 0:
        raise ValueError("no values")
    if not 0 < percent <= 100:
        raise ValueError("percent must be in (0, 100]")
    return max(1, math.ceil(percent * size / 100))


def percentile_minutes(values: Sequence[Decimal | int | float], percent: int) -> Figure:
    """The ``percent``-th percentile (分位数) of ``values`` (minutes) by nearest rank;
    ``None`` for no values. ``denominator`` is how many values there were."""
    if not values:
        return Figure(None, None, 0)
    ordered = sorted(Decimal(str(v)) for v in values)
    return Figure(_round(ordered[percentile_rank(len(ordered), percent) - 1]), None, len(ordered))


def display(value: Decimal | None, unit: str) -> str:
    """How a figure is shown (显示): "92.5%", "12.5", "1,234"; "—" when there is no value."""
    if value is None:
        return DASH
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "count":
        return f"{int(value):,}"
    return f"{value:.1f}"
