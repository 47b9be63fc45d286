"""Regressions found by schemathesis on the API shell."""

from __future__ import annotations

from typing import Any

import pytest

from kefu.conftest import Cast
from kefu.customers.models import Customer


@pytest.mark.parametrize("body", [b'{"name": "\xff\xfe"}', b"not json", b'{"name": "'])
def test_a_body_that_is_not_json_is_a_documented_422_in_chinese(
    body: bytes, cast: Cast, client: Any
) -> None:
    # ninja answered an undocumented 400 "Cannot parse request body", in English.
    response = client.post(
        "/api/v1/customers",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "validation_failed",
        "message": "请求体不是有效的 JSON。",
        "fields": {"__all__": ["请求体不是有效的 JSON。"]},
    }
    assert not Customer.objects.exists()
