"""Fixtures of the deadline tests: the work order tests' customer, a pinned clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kefu.tickets.tests.conftest import customer  # noqa: F401 - a shared fixture

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class PinnedClock:
    def __init__(self, start: datetime) -> None:
        self.current = start

    def set(self, text: str) -> None:
        self.current = at(text)

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> PinnedClock:
    """Pin the time Kefu sees (Wed 30 Sep 2026 17:30 in Shanghai to begin with)."""
    pinned = PinnedClock(at("2026-09-30T17:30"))
    monkeypatch.setattr(timezone, "now", lambda: pinned.current)
    return pinned
