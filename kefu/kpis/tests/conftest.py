"""Fixtures of the KPI tests: a pinned clock and a generated month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kefu.conftest import Cast
from kefu.kpis.tests.world import SHANGHAI, World, generate_month

MONTH_START = dt.date(2026, 11, 1)
MONTH_END = dt.date(2026, 12, 1)


class PinnedClock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def set(self, text: str) -> None:
        self.current = dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> PinnedClock:
    """Kefu's time pinned to 20 December 2026, 10:00 in Shanghai (the month is closed)."""
    pinned = PinnedClock(dt.datetime(2026, 12, 20, 10, 0, tzinfo=SHANGHAI))
    monkeypatch.setattr(timezone, "now", lambda: pinned.current)
    return pinned


@pytest.fixture
def month(cast: Cast, clock: Any) -> World:
    return generate_month(cast, start=MONTH_START, end=MONTH_END)
