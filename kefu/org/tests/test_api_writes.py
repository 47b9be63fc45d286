"""Organisation API writes at /api/v1/: access by role, changes through the services, 422s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from kefu.audit.models import AuditEntry
from kefu.org.models import Department, Position, Staff, Team
from kefu.org.tests.cast_roles import ORG_ADMINS, PEOPLE_MANAGERS, ROLES, World
from kefu.org.tests.clients import Api


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
