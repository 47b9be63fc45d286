"""Times given in a step (…_at fields) must be real times of the years 2000–2100."""

from __future__ import annotations

import datetime as dt

import pytest

from kefu.tickets.services.transitions import plausible_time


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-11-23T10:00", True),
        (dt.datetime(2026, 11, 23, 10, 0), True),
        ("0001-01-01T00:00", False),
        ("9999-12-31T23:59", False),
        ("2026-02-30T10:00", False),
        ("tomorrow", False),
        (12, False),
    ],
    ids=["iso", "datetime", "year-1", "year-9999", "feb-30", "words", "number"],
)
def test_plausible_time(value: object, ok: bool) -> None:
    assert plausible_time(value) is ok
