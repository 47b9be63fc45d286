"""Organisation API at /api/v1/: access by role, writes through the services, errors as JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kefu.audit.models import AuditEntry
from kefu.org.choices import StaffStatus
from kefu.org.models import Department, Position, Staff, Team

API = "/api/v1"
ROLES = (
    "admin",
    "manager",
    "supervisor",
    "agent",
    "qa",
    "auditor",
    "handler",
    "partner",
    "other_partner",
)
VIEWERS = {"admin", "manager", "supervisor", "agent", "qa", "auditor"}
ORG_ADMINS = {"admin"}
PEOPLE_MANAGERS = {"admin", "manager"}


@dataclass
class World:
    cast: Any
    lead: Position
    agent_position: Position
    agent_staff: Staff


@pytest.fixture
def world(cast) -> World:
    lead = Position.objects.create(
        title="客服主管", code="cs-lead", department=cast.service, headcount_quota=2
    )
    agent_position = Position.objects.create(
        title="客服专员", code="cs-agent", department=cast.service, superior=lead, headcount_quota=5
    )
    agent_staff = Staff.objects.get(user=cast.agent)
    agent_staff.position = agent_position
    agent_staff.phone = "13800138000"
    agent_staff.skills = ["投诉"]
    agent_staff.save()
    return World(cast, lead, agent_position, agent_staff)


def headers(cast: Any, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


class Api:
    """The test client speaking JSON as one cast member."""

    def __init__(self, client: Client, cast: Any, role: str) -> None:
        self.client, self.headers = client, headers(cast, role)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{API}{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"{API}{path}", body, content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(
            f"{API}{path}", body, content_type="application/json", headers=self.headers
        )


# --- reads -----------------------------------------------------------------------------------


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


# --- writes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteCase:
    name: str
    allowed: set[str]
    path: Callable[[World], str]
    body: Callable[[World], dict[str, Any]]
    written: Callable[[World], Any]
    method: str = "post"


WRITES = (
    WriteCase(
        "create_department",
        ORG_ADMINS,
        lambda w: "/departments",
        lambda w: {
            "name": "物业二公司",
            "code": "property-2",
            "kind": "partner",
            "parent_id": w.cast.property_company.pk,
            "obligations": "8 小时内处理，3 日内答复",
        },
        lambda w: Department.objects.filter(code="property-2", kind="partner").first(),
    ),
    WriteCase(
        "update_department",
        ORG_ADMINS,
        lambda w: f"/departments/{w.cast.engineering.pk}",
        lambda w: {"name": "工程维修部", "parent_id": w.cast.service.pk},
        lambda w: Department.objects.filter(name="工程维修部", parent=w.cast.service).first(),
        "patch",
    ),
    WriteCase(
        "create_team",
        ORG_ADMINS,
        lambda w: "/teams",
        lambda w: {"department_id": w.cast.service.pk, "name": "售后组", "code": "after-sales"},
        lambda w: Team.objects.filter(code="after-sales").first(),
    ),
    WriteCase(
        "update_team",
        ORG_ADMINS,
        lambda w: f"/teams/{w.cast.call_center.pk}",
        lambda w: {"leader_id": Staff.objects.get(user=w.cast.supervisor).pk},
        lambda w: Team.objects.filter(pk=w.cast.call_center.pk, leader__isnull=False).first(),
        "patch",
    ),
    WriteCase(
        "create_position",
        PEOPLE_MANAGERS,
        lambda w: "/positions",
        lambda w: {
            "title": "VIP 客服经理",
            "code": "vip-manager",
            "department_id": w.cast.service.pk,
            "superior_id": w.lead.pk,
            "headcount_quota": 3,
            "kpis": "月度业绩基数 50000",
        },
        lambda w: Position.objects.filter(code="vip-manager", superior=w.lead).first(),
    ),
    WriteCase(
        "update_position",
        PEOPLE_MANAGERS,
        lambda w: f"/positions/{w.lead.pk}",
        lambda w: {"headcount_quota": 4, "duties": "排班\n质检复核"},
        lambda w: Position.objects.filter(pk=w.lead.pk, headcount_quota=4).first(),
        "patch",
    ),
    WriteCase(
        "create_staff",
        PEOPLE_MANAGERS,
        lambda w: "/staff",
        lambda w: {
            "employee_number": "K0200",
            "name": "周九",
            "department_id": w.cast.service.pk,
            "team_id": w.cast.call_center.pk,
            "position_id": w.agent_position.pk,
            "phone": "13900139000",
            "skills": ["投诉", "English"],
            "joined_on": "2024-05-06",
        },
        lambda w: Staff.objects.filter(employee_number="K0200").first(),
    ),
    WriteCase(
        "update_staff",
        PEOPLE_MANAGERS,
        lambda w: f"/staff/{w.agent_staff.pk}",
        lambda w: {"status": "on_leave", "phone": ""},
        lambda w: Staff.objects.filter(pk=w.agent_staff.pk, status="on_leave", phone="").first(),
        "patch",
    ),
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", WRITES, ids=lambda c: c.name)
def test_write_access_by_role(client, world, case, role):
    api = Api(client, world.cast, role)  # issuing the token is audited too
    audit_before = AuditEntry.objects.count()
    response = getattr(api, case.method)(case.path(world), case.body(world))
    written = case.written(world)
    body = response.json()
    if role in case.allowed:
        assert response.status_code == (201 if case.method == "post" else 200), body
        assert written is not None
        assert body["id"] == written.pk
        entry = AuditEntry.objects.filter(
            object_type=written._meta.label_lower, object_id=str(written.pk)
        ).latest("id")
        assert entry.action == ("create" if case.method == "post" else "update")
        assert entry.actor == world.cast.by_role(role)
    else:
        assert response.status_code == 403
        assert body["error"]["code"] == "permission_denied"
        assert written is None
        assert AuditEntry.objects.count() == audit_before


def test_created_staff_answers_with_masked_phone_and_login(client, world):
    from kefu.accounts.services import create_user

    create_user(actor=None, username="newbie", password="x-long-password", roles=["agent"])
    response = Api(client, world.cast, "manager").post(
        "/staff",
        {
            "employee_number": "K0300",
            "name": "吴十",
            "department_id": world.cast.service.pk,
            "username": "newbie",
            "phone": "+86 139 0013 9000",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["phone"] == "139****9000"
    assert body["username"] == "newbie"
    assert body["status"] == "active"
    assert Staff.objects.get(pk=body["id"]).phone == "13900139000"


def test_patch_changes_only_the_given_fields(client, world):
    staff = world.agent_staff
    response = Api(client, world.cast, "admin").patch(f"/staff/{staff.pk}", {"name": "阿杰"})
    assert response.status_code == 200
    staff.refresh_from_db()
    assert (staff.name, staff.phone, staff.user, staff.skills) == (
        "阿杰",
        "13800138000",
        world.cast.agent,
        ["投诉"],
    )
    entry = AuditEntry.objects.filter(object_type="org.staff").latest("id")
    assert entry.changes == {"name": ["agent", "阿杰"]}


def test_patch_null_clears_an_optional_link_and_refuses_a_required_one(client, world):
    api = Api(client, world.cast, "admin")
    cleared = api.patch(f"/positions/{world.agent_position.pk}", {"superior_id": None})
    assert cleared.status_code == 200
    assert cleared.json()["superior_id"] is None
    refused = api.patch(f"/positions/{world.agent_position.pk}", {"title": None})
    assert refused.status_code == 422
    assert list(refused.json()["error"]["fields"]) == ["title"]
    world.agent_position.refresh_from_db()
    assert world.agent_position.title == "客服专员"


# --- validation ------------------------------------------------------------------------------


def test_department_cycle_is_422_with_fields_and_nothing_written(client, world):
    cast = world.cast
    child = Department.objects.create(name="投诉处理中心", code="complaints", parent=cast.service)
    api = Api(client, cast, "admin")
    audit_before = AuditEntry.objects.count()
    response = api.patch(f"/departments/{cast.service.pk}", {"parent_id": child.pk, "name": "改名"})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "validation_failed",
        "message": "Some fields are invalid.",
        "fields": {
            "parent_id": [
                "A department cannot be placed under itself or one of its sub-departments."
            ]
        },
    }
    cast.service.refresh_from_db()
    assert (cast.service.name, cast.service.parent) == ("客服部", None)
    assert AuditEntry.objects.count() == audit_before


def test_duplicate_employee_number_is_422_and_nothing_written(client, world):
    count = Staff.objects.count()
    api = Api(client, world.cast, "manager")
    audit_before = AuditEntry.objects.count()
    response = api.post(
        "/staff",
        {"employee_number": "T001", "name": "重复", "department_id": world.cast.service.pk},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "employee_number": ["Another staff member already has this employee number."]
    }
    assert Staff.objects.count() == count
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/departments", {"name": "X", "code": "x", "parent_id": 999999}, "parent_id"),
        ("/departments", {"name": "X", "code": "has space"}, "code"),
        ("/departments", {"name": "X", "code": "service"}, "code"),
        ("/departments", {"name": "X", "code": "x", "kind": "alien"}, "kind"),
        ("/departments", {"name": "X", "code": "x", "colour": "red"}, "colour"),
        ("/departments", {"code": "x"}, "name"),
        ("/teams", {"department_id": 999999, "name": "X", "code": "x"}, "department_id"),
        ("/positions", {"title": "X", "code": "x", "department_id": 0}, "department_id"),
        ("/staff", {"employee_number": "Z1", "name": "X", "department_id": 0}, "department_id"),
    ],
)
def test_invalid_input_is_422_naming_the_field(client, cast, path, body, field):
    before = (Department.objects.count(), Team.objects.count(), Position.objects.count())
    response = Api(client, cast, "admin").post(path, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert list(error["fields"]) == [field]
    assert (Department.objects.count(), Team.objects.count(), Position.objects.count()) == before


def test_staff_team_of_another_department_is_422(client, world):
    response = Api(client, world.cast, "manager").patch(
        f"/staff/{world.agent_staff.pk}", {"department_id": world.cast.engineering.pk}
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"team_id", "position_id"}


def test_linking_a_login_of_another_staff_member_is_422(client, world):
    api = Api(client, world.cast, "admin")
    taken = api.patch(f"/staff/{world.agent_staff.pk}", {"username": "qa"})
    assert taken.status_code == 422
    assert list(taken.json()["error"]["fields"]) == ["username"]
    unknown = api.patch(f"/staff/{world.agent_staff.pk}", {"username": "nobody"})
    assert unknown.json()["error"]["fields"] == {"username": ["No such login."]}
    unlinked = api.patch(f"/staff/{world.agent_staff.pk}", {"username": None})
    assert unlinked.status_code == 200
    assert unlinked.json()["username"] is None


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
