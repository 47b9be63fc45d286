"""Regressions found by the bad-input corpus on the service error API."""

from __future__ import annotations

from typing import Any

from kefu.conftest import Cast
from kefu.quality.models import ServiceError


def test_an_unknown_field_is_refused_not_ignored(cast: Cast, client: Any) -> None:
    # Unknown fields were silently dropped and the row was written.
    response = client.post(
        "/api/v1/service-errors",
        {
            "occurred_on": "2026-11-20",
            "error_type": "attitude",
            "severity": "minor",
            "description": "语气生硬",
            "penalty_yuan": 500,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["penalty_yuan"] == ["未知字段。"]
    assert not ServiceError.objects.exists()
