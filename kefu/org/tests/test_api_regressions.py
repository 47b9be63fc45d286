"""Regressions found by schemathesis and the bad-input corpus on the organisation API."""

from __future__ import annotations

from typing import Any

import pytest

from kefu.conftest import Cast
from kefu.org.models import Department

HUGE_ID = 2**70  # beyond SQLite's INTEGER: the filter used to answer 500 (OverflowError)


@pytest.mark.parametrize(
    "query",
    [
        f"/api/v1/teams?department_id={HUGE_ID}",
        f"/api/v1/positions?department_id={HUGE_ID}",
        f"/api/v1/staff?team_id={HUGE_ID}",
        f"/api/v1/departments?parent_id={HUGE_ID}",
    ],
)
def test_an_id_filter_beyond_the_database_range_is_a_422(
    query: str, cast: Cast, client: Any
) -> None:
    headers = {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "en"}
    response = client.get(query, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"


def test_a_megabyte_description_is_refused_and_not_stored(cast: Cast, client: Any) -> None:
    headers = {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"}
    response = client.patch(
        f"/api/v1/departments/{cast.engineering.pk}",
        {"description": "水" * 1_000_000},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["description"] == ["文本过长。"]
    assert Department.objects.get(pk=cast.engineering.pk).description == ""
