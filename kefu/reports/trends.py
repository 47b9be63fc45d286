"""Trends (趋势): a figure against last month and against its target. Pure.

``higher`` means a larger value is better (satisfaction rate), ``lower`` a smaller one
(overdue work orders, service error rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class Trend:
    delta: Decimal | None  # current - previous; None when either is missing
    arrow: str  # "↑", "↓", "→" or "" (nothing to compare)
    better: bool | None  # None: unchanged, nothing to compare or no known direction


def trend(current: Decimal | None, previous: Decimal | None, *, direction: str | None) -> Trend:
    if current is None or previous is None:
        return Trend(None, "", None)
    delta = current - previous
    if delta == 0:
        return Trend(delta, "→", None)
    arrow = "↑" if delta > 0 else "↓"
    if direction not in (HIGHER, LOWER):
        return Trend(delta, arrow, None)
    return Trend(delta, arrow, (delta > 0) == (direction == HIGHER))


def meets_target(value: Decimal | None, target: Decimal | None, *, direction: str) -> bool | None:
    """Whether the value reaches the target (at least it when higher is better, at most it
    when lower is); None when there is no value or no target."""
    if value is None or target is None:
        return None
    return value >= target if direction == HIGHER else value <= target


def signed(delta: Decimal | None, *, places: int = 1) -> str:
    """``+2.5`` / ``-1`` / ``0`` for the trend column; empty when there is no delta."""
    if delta is None:
        return ""
    rounded = round(delta, places)
    text = f"{rounded:f}".rstrip("0").rstrip(".") if "." in f"{rounded:f}" else f"{rounded:f}"
    if text in ("-0", ""):
        text = "0"
    return f"+{text}" if rounded > 0 else text
