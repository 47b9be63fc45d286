"""Organisation API reads at /api/v1/: access by role, filters, cursor pages, the schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kefu.org.choices import StaffStatus
from kefu.org.models import Department, Staff
from kefu.org.tests.cast_roles import ROLES, VIEWERS, World
from kefu.org.tests.clients import API, Api


@dataclass(frozen=True)
class ReadCase:
    name: str
    path: Callable[[World], str]
    check: Callable[[World, Any], bool]


def _names(body: Any, key: str = "name") -> set[str]:
    return {item[key] for item in body["items"]}


READS = (
    ReadCase(
        "departments",
        lambda w: "/departments",
        lambda w, body: _names(body) >= {"客服部", "工程部", "物业公司", "维修外包"},
    ),
    ReadCase(
        "department",
        lambda w: f"/departments/{w.cast.property_company.pk}",
        lambda w, body: body["kind"] == "partner" and body["name"] == "物业公司",
    ),
    ReadCase("teams", lambda w: "/teams", lambda w, body: _names(body) == {"呼叫中心组"}),
    ReadCase(
        "team",
        lambda w: f"/teams/{w.cast.call_center.pk}",
        lambda w, body: body["department_id"] == w.cast.service.pk,
    ),
    ReadCase(
        "positions",
        lambda w: "/positions",
        lambda w, body: _names(body, "title") == {"客服主管", "客服专员"},
    ),
    ReadCase(
        "position",
        lambda w: f"/positions/{w.agent_position.pk}",
        lambda w, body: body["superior_id"] == w.lead.pk and body["active_staff"] == 1,
    ),
    ReadCase(
        "staff_list",
        lambda w: "/staff",
        lambda w, body: len(body["items"]) == 9 and "agent" in _names(body),
    ),
    ReadCase(
        "staff",
        lambda w: f"/staff/{w.agent_staff.pk}",
        lambda w, body: body["employee_number"] == "T004" and body["username"] == "agent",
    ),
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", READS, ids=lambda c: c.name)
def test_read_access_by_role(client, world, case, role):
    response = Api(client, world.cast, role).get(case.path(world))
    body = response.json()
    if role in VIEWERS:
        assert response.status_code == 200, body
        assert case.check(world, body)
        assert "13800138000" not in response.content.decode()
    else:
        assert response.status_code == 403
        assert body["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("case", READS, ids=lambda c: c.name)
def test_anonymous_gets_401_json(client, world, case):
    response = client.get(f"{API}{case.path(world)}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", ["departments", "teams", "positions", "staff"])
def test_missing_rows_answer_404_json(client, cast, kind):
    api = Api(client, cast, "admin")
    for response in (api.get(f"/{kind}/999999"), api.patch(f"/{kind}/999999", {})):
        assert response.status_code == 404
        assert response.json() == {
            "error": {"code": "not_found", "message": "Not found.", "fields": {}}
        }


def test_staff_phone_is_masked(client, world):
    api = Api(client, world.cast, "manager")
    detail = api.get(f"/staff/{world.agent_staff.pk}").json()
    assert detail["phone"] == "138****8000"
    listed = {item["id"]: item for item in api.get("/staff").json()["items"]}
    assert listed[world.agent_staff.pk]["phone"] == "138****8000"


def test_headcount_counts_only_active_staff(client, world):
    for number, status in enumerate(
        (StaffStatus.ACTIVE, StaffStatus.ACTIVE, StaffStatus.ON_LEAVE, StaffStatus.LEFT)
    ):
        Staff.objects.create(
            employee_number=f"L{number}",
            name=f"主管{number}",
            department=world.cast.service,
            position=world.lead,
            status=status,
        )
    api = Api(client, world.cast, "qa")
    assert api.get(f"/positions/{world.lead.pk}").json()["active_staff"] == 2
    listed = {p["code"]: p for p in api.get("/positions").json()["items"]}
    assert (listed["cs-lead"]["active_staff"], listed["cs-lead"]["headcount_quota"]) == (2, 2)
    assert (listed["cs-agent"]["active_staff"], listed["cs-agent"]["headcount_quota"]) == (1, 5)


def test_list_filters(client, world):
    api = Api(client, world.cast, "agent")
    partners = api.get("/departments", kind="partner").json()
    assert _names(partners) == {"物业公司", "维修外包"}
    team = api.get("/staff", team_id=world.cast.call_center.pk).json()
    assert len(team["items"]) == 6
    assert _names(api.get("/staff", q="T007").json()) == {"handler"}
    assert api.get("/staff", status="left").json()["items"] == []


# --- pages of lists --------------------------------------------------------------------------


def test_cursor_pages_return_every_staff_member_exactly_once(client, world):
    Staff.objects.bulk_create(
        Staff(employee_number=f"P{n:03d}", name=f"员工{n}", department=world.cast.engineering)
        for n in range(20)
    )
    api = Api(client, world.cast, "auditor")
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 4}
        if cursor:
            params["cursor"] = cursor
        body = api.get("/staff", **params).json()
        assert len(body["items"]) <= 4
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == seen
    assert seen == sorted(Staff.objects.values_list("id", flat=True))
    assert pages == 8  # 29 rows, 4 a page


def test_department_pages_with_the_default_limit(client, world):
    body = Api(client, world.cast, "agent").get("/departments", limit=2).json()
    assert len(body["items"]) == 2
    rest = Api(client, world.cast, "agent").get("/departments", cursor=body["next_cursor"]).json()
    assert rest["next_cursor"] is None
    assert len(body["items"]) + len(rest["items"]) == Department.objects.count()


@pytest.mark.parametrize("limit", [0, 201, "many"])
def test_limit_out_of_range_is_422(client, cast, limit):
    response = Api(client, cast, "admin").get("/staff", limit=limit)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["limit"]


def test_forged_cursor_is_422(client, cast):
    response = Api(client, cast, "admin").get("/teams", cursor="not-a-cursor")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"cursor": ["The cursor is not valid."]}


def test_staff_list_query_count_does_not_grow_with_rows(client, world):
    api = Api(client, world.cast, "admin")
    api.get("/staff")  # the token's first use stamps last_used_at

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/staff", limit=200).status_code == 200
        return len(captured)

    few = queries()
    Staff.objects.bulk_create(
        Staff(employee_number=f"Q{n:03d}", name=f"员工{n}", department=world.cast.engineering)
        for n in range(40)
    )
    assert queries() == few


# --- the schema ------------------------------------------------------------------------------


def test_openapi_declares_every_endpoint_with_its_errors(client, cast):
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for kind, key in [
        ("departments", "department_id"),
        ("teams", "team_id"),
        ("positions", "position_id"),
        ("staff", "staff_id"),
    ]:
        listing = paths[f"{API}/{kind}"]
        assert set(listing["get"]["responses"]) >= {"200", "401", "403", "422"}
        assert set(listing["post"]["responses"]) >= {"201", "401", "403", "404", "409", "422"}
        params = {p["name"] for p in listing["get"]["parameters"]}
        assert {"cursor", "limit"} <= params
        detail = paths[f"{API}/{kind}/{{{key}}}"]
        assert set(detail["get"]["responses"]) >= {"200", "401", "403", "404"}
        assert set(detail["patch"]["responses"]) >= {"200", "404", "409", "422"}
    staff_out = schema["components"]["schemas"]["StaffOut"]["properties"]
    assert "masked" in staff_out["phone"]["description"]
