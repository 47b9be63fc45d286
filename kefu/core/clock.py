"""Clock (时钟): the one place that asks for the current time, so tests can pin it.

``travel(at)`` sets the time Kefu sees inside a block (this thread or task only); the demo
uses it to write believable history through the real services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_travelled: ContextVar[datetime | None] = ContextVar("kefu_clock_travelled", default=None)


def now() -> datetime:
    return _travelled.get() or timezone.now()


def today() -> date:
    return timezone.localdate(now())


@contextmanager
def travel(at: datetime) -> Iterator[None]:
    """Let ``now()`` answer ``at`` inside the block (时间旅行, for demo history and tests)."""
    if timezone.is_naive(at):
        raise ValueError("travel needs an aware datetime")
    token = _travelled.set(at)
    try:
        yield
    finally:
        _travelled.reset(token)
