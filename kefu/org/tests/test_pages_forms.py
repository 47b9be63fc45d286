"""Organisation console forms: creating and editing, refusals, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from kefu.audit.models import AuditEntry
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Position, Staff, Team
from kefu.org.tests.cast_roles import ORG_ADMINS, PEOPLE_MANAGERS, ROLES, World
from kefu.org.tests.clients import login


@dataclass(frozen=True)
class CreateCase:
    name: str
    url_name: str
    allowed: set[str]
    data: Callable[[World], dict[str, Any]]
    created: Callable[[], Any]


CREATES = (
    CreateCase(
        "department",
        "org:department_create",
        ORG_ADMINS,
        lambda w: {
            "name": "维修一部",
            "code": "repair-1",
            "kind": DepartmentKind.PARTNER,
            "parent": "",
            "is_active": "on",
            "obligations": "24 小时内上门",
        },
        lambda: Department.objects.filter(code="repair-1").first(),
    ),
    CreateCase(
        "team",
        "org:team_create",
        ORG_ADMINS,
        lambda w: {
            "department": w.cast.service.pk,
            "name": "前厅组",
            "code": "front-desk",
            "is_active": "on",
        },
        lambda: Team.objects.filter(code="front-desk").first(),
    ),
    CreateCase(
        "position",
        "org:position_create",
        PEOPLE_MANAGERS,
        lambda w: {
            "title": "VIP 客服经理",
            "code": "vip-manager",
            "department": w.cast.service.pk,
            "superior": w.lead.pk,
            "headcount_quota": 3,
            "kpis": "月度业绩 50000",
        },
        lambda: Position.objects.filter(code="vip-manager").first(),
    ),
    CreateCase(
        "staff",
        "org:staff_create",
        PEOPLE_MANAGERS,
        lambda w: {
            "employee_number": "K0100",
            "name": "钱七",
            "department": w.cast.service.pk,
            "team": w.cast.call_center.pk,
            "position": w.agent_position.pk,
            "status": "active",
            "phone": "139 0013 9000",
            "skills": "投诉，VIP, English",
            "joined_on": "2024-03-01",
        },
        lambda: Staff.objects.filter(employee_number="K0100").first(),
    ),
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CREATES, ids=lambda c: c.name)
def test_create_form_by_role(client, world, case, role):
    audit_before = AuditEntry.objects.count()
    response = login(client, world.cast, role).post(reverse(case.url_name), case.data(world))
    created = case.created()
    if role in case.allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert created is not None
        entry = AuditEntry.objects.get(
            object_type=created._meta.label_lower, object_id=str(created.pk)
        )
        assert entry.action == "create"
        assert entry.actor == world.cast.by_role(role)
        follow = client.get(response["Location"])
        assert follow.status_code == 200
        assert "created" in follow.content.decode()
    else:
        assert response.status_code == 403
        assert created is None
        assert AuditEntry.objects.count() == audit_before


def test_created_staff_keeps_normalised_phone_and_skills(client, world):
    case = CREATES[3]
    login(client, world.cast, "manager").post(reverse(case.url_name), case.data(world))
    staff = Staff.objects.get(employee_number="K0100")
    assert staff.phone == "13900139000"
    assert staff.skills == ["投诉", "VIP", "English"]
    assert str(staff.joined_on) == "2024-03-01"
    page = client.get(reverse("org:staff", args=[staff.pk])).content.decode()
    assert "139****9000" in page
    assert "13900139000" not in page


def test_edit_department_saves_and_audits_the_change(client, world):
    cast = world.cast
    response = login(client, cast, "admin").post(
        reverse("org:department_edit", args=[cast.engineering.pk]),
        {
            "name": "工程维修部",
            "code": "engineering",
            "kind": "internal",
            "parent": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    cast.engineering.refresh_from_db()
    assert cast.engineering.name == "工程维修部"
    entry = AuditEntry.objects.get(object_type="org.department", object_id=str(cast.engineering.pk))
    assert entry.changes == {"name": ["工程部", "工程维修部"]}


def test_department_form_refuses_a_cycle_and_writes_nothing(client, world):
    cast = world.cast
    audit_before = AuditEntry.objects.count()
    response = login(client, cast, "admin").post(
        reverse("org:department_edit", args=[cast.service.pk]),
        {
            "name": "客服部",
            "code": "service",
            "kind": "internal",
            "parent": world.sub_department.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["parent"] == [
        "A department cannot be placed under itself or one of its sub-departments."
    ]
    assert "sub-departments" in response.content.decode()
    cast.service.refresh_from_db()
    assert cast.service.parent is None
    assert AuditEntry.objects.count() == audit_before


def test_staff_form_refuses_duplicate_employee_number_and_writes_nothing(client, world):
    cast = world.cast
    count = Staff.objects.count()
    audit_before = AuditEntry.objects.count()
    response = login(client, cast, "manager").post(
        reverse("org:staff_create"),
        {
            "employee_number": "T001",
            "name": "重复的人",
            "department": cast.service.pk,
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["employee_number"] == [
        "Another staff member already has this employee number."
    ]
    assert Staff.objects.count() == count
    assert AuditEntry.objects.count() == audit_before


def test_staff_form_refuses_a_team_of_another_department(client, world):
    cast = world.cast
    response = login(client, cast, "manager").post(
        reverse("org:staff_create"),
        {
            "employee_number": "E200",
            "name": "孙八",
            "department": cast.engineering.pk,
            "team": cast.call_center.pk,
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["team"] == ["The team belongs to another department."]
    assert not Staff.objects.filter(employee_number="E200").exists()


def staff_edit_data(staff: Staff, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "employee_number": staff.employee_number,
        "name": staff.name,
        "department": staff.department_id,
        "team": staff.team_id or "",
        "position": staff.position_id or "",
        "status": staff.status,
        "user": staff.user_id or "",
        "phone": "",
        "email": staff.email,
        "skills": ", ".join(staff.skills),
        "joined_on": "",
    }
    data.update(changes)
    return data


def test_staff_edit_keeps_the_phone_unless_changed_or_removed(client, world):
    staff = world.agent_staff
    url = reverse("org:staff_edit", args=[staff.pk])
    login(client, world.cast, "manager")
    assert client.post(url, staff_edit_data(staff, name="阿杰")).status_code == 302
    staff.refresh_from_db()
    assert (staff.name, staff.phone) == ("阿杰", "13800138000")
    assert client.post(url, staff_edit_data(staff, phone="13700137000")).status_code == 302
    staff.refresh_from_db()
    assert staff.phone == "13700137000"
    assert client.post(url, staff_edit_data(staff, clear_phone="on")).status_code == 302
    staff.refresh_from_db()
    assert staff.phone == ""
    assert staff.user == world.cast.agent  # the login link survived every edit


def test_staff_edit_can_link_a_free_login(client, world):
    from kefu.accounts.services import create_user

    free = create_user(actor=None, username="newbie", password="x-long-password", roles=["agent"])
    staff = Staff.objects.create(employee_number="N1", name="新人", department=world.cast.service)
    response = login(client, world.cast, "admin").post(
        reverse("org:staff_edit", args=[staff.pk]), staff_edit_data(staff, user=free.pk)
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.user == free
    taken = client.post(
        reverse("org:staff_edit", args=[staff.pk]),
        staff_edit_data(staff, user=world.cast.agent.pk),
    )
    assert taken.status_code == 200
    assert "user" in taken.context["form"].errors  # another staff member's login is not offered


def test_edit_team_leader(client, world):
    cast = world.cast
    supervisor = Staff.objects.get(user=cast.supervisor)
    response = login(client, cast, "admin").post(
        reverse("org:team_edit", args=[cast.call_center.pk]),
        {
            "department": cast.service.pk,
            "name": "呼叫中心组",
            "code": "call-center",
            "leader": supervisor.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    cast.call_center.refresh_from_db()
    assert cast.call_center.leader == supervisor
    detail = client.get(reverse("org:department", args=[cast.service.pk])).content.decode()
    assert reverse("org:staff", args=[supervisor.pk]) in detail


def test_edit_position_job_description(client, world):
    response = login(client, world.cast, "manager").post(
        reverse("org:position_edit", args=[world.lead.pk]),
        {
            "title": "客服主管",
            "code": "cs-lead",
            "department": world.cast.service.pk,
            "superior": "",
            "headcount_quota": 4,
            "duties": "排班\n质检复核\n培训新人",
        },
    )
    assert response.status_code == 302
    world.lead.refresh_from_db()
    assert world.lead.headcount_quota == 4
    assert world.lead.kpis == ""
    entry = AuditEntry.objects.filter(object_type="org.position").latest("id")
    assert entry.changes["headcount_quota"] == [2, 4]
