"""Pure modules of reports (纯模块): periods, trends, the SVG charts, the document cells."""

from __future__ import annotations

import ast
import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kefu.reports import svgcharts
from kefu.reports.document import count, figure, number
from kefu.reports.periods import (
    last_months,
    month_of,
    parse_month,
    previous_month,
    previous_quarter,
    previous_week,
    quarter_of,
    week_of,
)
from kefu.reports.trends import meets_target, signed, trend

PACKAGE = Path(__file__).resolve().parent.parent
PURE = ("periods", "trends", "svgcharts", "document")


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_no_django(name):
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    assert not {m for m in modules if m.split(".")[0] == "django"}
    assert not {m for m in modules if m.startswith("kefu.") and m[5:].split(".")[0] != "reports"}


def test_months_quarters_and_weeks_are_half_open():
    assert month_of(dt.date(2026, 12, 31)) == month_of(dt.date(2026, 12, 1))
    december = month_of(dt.date(2026, 12, 5))
    assert (december.start, december.end) == (dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    assert previous_month(month_of(dt.date(2026, 1, 9))).start == dt.date(2025, 12, 1)
    assert [m.start.month for m in last_months(month_of(dt.date(2026, 2, 1)), 6)] == [
        9, 10, 11, 12, 1, 2,
    ]  # fmt: skip
    q4 = quarter_of(dt.date(2026, 11, 23))
    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    assert previous_quarter(dt.date(2027, 1, 1)) == q4
    week = week_of(dt.date(2026, 11, 25))  # a Wednesday
    assert (week.start, week.end) == (dt.date(2026, 11, 23), dt.date(2026, 11, 30))
    last = previous_week(dt.date(2026, 11, 23))  # Monday morning: the week just ended
    assert (last.start, last.last_day) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))


@pytest.mark.parametrize("text", [None, "", "2026-13", "2026-0", "abc", "1999-05", "2026-11-01"])
def test_a_bad_month_parameter_falls_back_to_the_current_month(text):
    assert parse_month(text, default=dt.date(2026, 11, 23)) == month_of(dt.date(2026, 11, 1))


def test_a_month_parameter_is_read():
    assert parse_month("2026-7", default=dt.date(2026, 11, 23)).start == dt.date(2026, 7, 1)


@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2998, 12, 31)))
def test_every_day_lies_in_its_month_quarter_and_week(day):
    for period in (month_of(day), quarter_of(day), week_of(day)):
        assert period.start <= day < period.end
    assert previous_month(month_of(day)).end == month_of(day).start
    assert previous_week(day).end == week_of(day).start


def test_the_trend_says_which_way_and_whether_it_is_better():
    up = trend(Decimal("77.8"), Decimal("50.0"), direction="higher")
    assert (up.arrow, up.delta, up.better, signed(up.delta)) == (
        "↑",
        Decimal("27.8"),
        True,
        "+27.8",
    )
    worse = trend(Decimal("12"), Decimal("10"), direction="lower")
    assert (worse.arrow, worse.better, signed(worse.delta)) == ("↑", False, "+2")
    down = trend(Decimal("1.5"), Decimal("3"), direction="lower")
    assert (down.arrow, down.better, signed(down.delta)) == ("↓", True, "-1.5")
    assert trend(Decimal(5), Decimal(5), direction="higher").arrow == "→"
    assert trend(None, Decimal(5), direction="higher").arrow == ""
    assert trend(Decimal(5), Decimal(3), direction=None).better is None
    assert meets_target(Decimal("90"), Decimal("90"), direction="higher") is True
    assert meets_target(Decimal("2.1"), Decimal("2"), direction="lower") is False
    assert meets_target(None, Decimal("2"), direction="lower") is None


def test_figures_keep_numbers_as_numbers_and_count_what_they_link():
    assert number(Decimal("77.8")) == 77.8
    assert number(Decimal("12")) == 12
    assert figure("77.8%", Decimal("77.8"), "/kpis/records/?x", 9) == {
        "t": "77.8%", "n": 77.8, "u": "/kpis/records/?x", "c": 9,
    }  # fmt: skip
    assert figure("", None) == {"t": "—", "n": None, "u": "", "c": None}
    assert count(1234, "/x") == {"t": "1,234", "n": 1234, "u": "/x", "c": 1234}


def test_bar_and_line_charts_are_valid_svg_with_escaped_labels():
    bar = svgcharts.bar_chart("投诉<按类别>", ["服务态度", "<script>"], [3, 7])
    root = ET.fromstring(bar)
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter() if t.tag.endswith("text")]
    assert "投诉<按类别>" in texts
    assert "<script>" in texts
    assert "7" in texts
    assert len([e for e in root.iter() if e.tag.endswith("rect")]) == 2
    line = svgcharts.line_chart(
        "趋势", ["9月", "10月", "11月"], [svgcharts.Series("满意度", [50, None, 77.8])]
    )
    root = ET.fromstring(line)
    assert len([e for e in root.iter() if e.tag.endswith("circle")]) == 2
    assert not [e for e in root.iter() if e.tag.endswith("polyline")]  # the gap breaks it


def test_charts_refuse_mismatched_data_and_draw_empty_ones():
    with pytest.raises(ValueError, match="differ in length"):
        svgcharts.bar_chart("x", ["a"], [1, 2])
    ET.fromstring(svgcharts.bar_chart("空", [], []))
    assert svgcharts.nice_max(0) == 1.0
    assert svgcharts.nice_max(77.8) == 100
    assert svgcharts.nice_max(7) == 10
    assert svgcharts.nice_max(3) == 5


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False))
def test_the_axis_top_is_never_below_the_largest_value(top):
    assert svgcharts.nice_max(top) >= top
    assert svgcharts.nice_max(top) <= top * 10
