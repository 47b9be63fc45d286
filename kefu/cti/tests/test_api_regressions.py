"""Regressions found by the bad-input corpus on the call webhook API."""

from __future__ import annotations

import pytest

from kefu.cti.models import Call
from kefu.cti.tests.conftest import Webhook


@pytest.mark.parametrize("at", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_moment_outside_the_utc_calendar_is_a_422_not_a_500(webhook: Webhook, at: str) -> None:
    # Converting it to UTC overflowed (OverflowError, answered 500).
    response = webhook.post(
        language="zh-hans", call_id="c-1", event="ringing", caller="13800138000", at=at
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["at"] == ["请输入有效的日期和时间。"]
    assert not Call.objects.exists()


def test_the_last_representable_moment_is_still_accepted(webhook: Webhook) -> None:
    response = webhook.post(
        call_id="c-2", event="ringing", caller="13800138000", at="9999-12-31T23:59:59+14:00"
    )
    assert response.status_code == 200, response.content
    ringing_at = Call.objects.get().ringing_at
    assert ringing_at is not None
    assert ringing_at.year == 9999
