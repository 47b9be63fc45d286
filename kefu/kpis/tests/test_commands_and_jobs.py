"""``kefu kpis rollup|month`` and the periodic rollup job (汇总命令与定时任务)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kefu.kpis.models import ALL, DailyRollup
from kefu.kpis.tasks import roll_up_recent
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START

pytestmark = pytest.mark.django_db


def test_the_rollup_command_recounts_the_range_given(month):
    out = StringIO()
    call_command("kpis", "rollup", "--from", "2026-11-01", "--to", "2026-12-01", stdout=out)
    assert "rolled up 2026-11-01 .. 2026-12-01" in out.getvalue()
    days = set(DailyRollup.objects.filter(dimension=ALL).values_list("day", flat=True))
    assert days == {MONTH_START + dt.timedelta(days=n) for n in range(30)}


def test_the_month_command_prints_the_table_and_its_time(month, cast):
    out = StringIO()
    call_command(
        "kpis", "month", "--month", "2026-11", "--group-by", "team", "--user", "manager", stdout=out
    )
    text = out.getvalue()
    assert "呼叫中心组" in text
    assert "投诉组" in text
    assert text.rstrip().endswith("ms")


def test_the_month_command_refuses_a_bad_month(cast):
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("kpis", "month", "--month", "11/2026", "--user", "manager")
    with pytest.raises(CommandError, match="person, team, department"):
        call_command("kpis", "month", "--month", "2026-11", "--group-by", "x", "--user", "manager")


def test_the_job_recounts_yesterday_and_today_and_twice_changes_nothing(month, clock):
    clock.set("2026-11-20T10:00")
    roll_up_recent()
    first = sorted(DailyRollup.objects.values_list("day", "dimension", "key", "created", "backlog"))
    assert {row[0] for row in first} == {dt.date(2026, 11, 19), dt.date(2026, 11, 20)}
    roll_up_recent()
    again = sorted(DailyRollup.objects.values_list("day", "dimension", "key", "created", "backlog"))
    assert first == again
    assert dt.date(2026, 11, 20) < MONTH_END
