"""Server-side charts (服务端图表): bar and line charts as inline SVG for the PDF reports. Pure.

No Django, no clock: labels and values in, an ``<svg>`` string out. Every text is escaped, so a
label such as ``<script>`` prints as text. ``None`` values draw nothing (a gap in a line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "WenQuanYi Micro Hei"
COLOURS = ("#2f6fb0", "#e07b39", "#3a9a5b", "#b03a48", "#7a5cb0", "#8c8c8c")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 32, 48

Number = float | int


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]


def nice_max(top: float) -> float:
    """A round upper bound of the axis (1, 2, 2.5, 5 × 10ⁿ) not below ``top``."""
    if top <= 0:
        return 1.0
    magnitude = 1.0
    while magnitude * 10 <= top:
        magnitude *= 10
    while magnitude > top:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= top:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop above always returns


def _fmt(value: Number) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:.1f}"


def _text(x: float, y: float, text: str, *, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="#333">{escape(text)}</text>'
    )


def _frame(title: str, top: float, labels: Sequence[str]) -> tuple[list[str], float, float]:
    """Title, horizontal grid with axis labels, category labels; returns parts, plot width
    and the width of one category."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        _text(WIDTH / 2, 18, title, size=13),
    ]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, _fmt(value), anchor="end", size=10))
    slot = plot_w / max(len(labels), 1)
    for index, label in enumerate(labels):
        parts.append(_text(LEFT + slot * (index + 0.5), HEIGHT - BOTTOM + 16, label, size=10))
    return parts, plot_w, slot


def _y(value: float, top: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - plot_h * (value / top)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[Number | None]) -> str:
    """One bar per label, its value written above it."""
    if len(labels) != len(values):
        raise ValueError("labels and values differ in length")
    present = [float(v) for v in values if v is not None]
    top = nice_max(max(present, default=0.0))
    parts, _plot_w, slot = _frame(title, top, labels)
    bar_w = slot * 0.6
    base = _y(0, top)
    for index, value in enumerate(values):
        if value is None:
            continue
        x = LEFT + slot * index + (slot - bar_w) / 2
        y = _y(max(float(value), 0.0), top)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{base - y:.1f}" '
            f'fill="{COLOURS[0]}"/>'
        )
        parts.append(_text(x + bar_w / 2, y - 4, _fmt(value), size=10))
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """One polyline per series over the labels, a legend below; ``None`` breaks the line."""
    for line in series:
        if len(line.values) != len(labels):
            raise ValueError(f"series {line.name!r} differs in length from the labels")
    present = [float(v) for line in series for v in line.values if v is not None]
    top = nice_max(max(present, default=0.0))
    parts, _plot_w, slot = _frame(title, top, labels)
    for number, line in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        run: list[str] = []
        for index, value in enumerate([*line.values, None]):
            if value is not None:
                x = LEFT + slot * (index + 0.5)
                y = _y(max(float(value), 0.0), top)
                run.append(f"{x:.1f},{y:.1f}")
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
                continue
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"/>'
                )
            run = []
        legend_x = LEFT + 120 * number
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 14}" width="10" height="10" fill="{colour}"/>'
        )
        parts.append(_text(legend_x + 14, HEIGHT - 5, line.name, anchor="start", size=10))
    parts.append("</svg>")
    return "".join(parts)
