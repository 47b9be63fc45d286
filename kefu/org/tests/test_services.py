"""Organisation services: every write validated, audited, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.org import services
from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.models import Department, Position, Staff, Team


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are compared in English, whatever translations the catalogue holds."""
    with translation.override("en"):
        yield


def audit_rows(obj: object) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type=obj._meta.label_lower,  # type: ignore[attr-defined]
            object_id=str(obj.pk),  # type: ignore[attr-defined]
        ).order_by("id")
    )


def test_create_department_writes_the_row_and_an_audit_entry(cast):
    department = services.create_department(
        actor=cast.admin,
        data={
            "name": " 技术支持部 ",
            "code": "support",
            "kind": DepartmentKind.INTERNAL,
            "parent": cast.service,
        },
    )
    department.refresh_from_db()
    assert department.name == "技术支持部"
    assert department.parent == cast.service
    [entry] = audit_rows(department)
    assert entry.action == "create"
    assert entry.actor == cast.admin
    assert entry.changes["name"] == [None, "技术支持部"]
    assert entry.changes["parent"] == [None, "客服部"]


def test_update_department_records_before_and_after(cast):
    services.update_department(
        actor=cast.admin,
        department=cast.property_company,
        data={"obligations": "8 小时内处理转来的投诉，3 日内答复"},
    )
    [entry] = audit_rows(cast.property_company)
    assert entry.action == "update"
    assert entry.changes == {"obligations": ["", "8 小时内处理转来的投诉，3 日内答复"]}


def test_update_without_a_change_writes_no_audit_entry(cast):
    services.update_department(actor=cast.admin, department=cast.service, data={"name": "客服部"})
    assert audit_rows(cast.service) == []


def test_department_cannot_become_its_own_ancestor(cast):
    child = services.create_department(
        actor=cast.admin, data={"name": "呼叫中心", "code": "calls", "parent": cast.service}
    )
    grandchild = services.create_department(
        actor=cast.admin, data={"name": "夜班", "code": "night", "parent": child}
    )
    for new_parent in (cast.service, child, grandchild):
        with pytest.raises(ValidationFailed) as refused:
            services.update_department(
                actor=cast.admin, department=cast.service, data={"parent": new_parent}
            )
        assert list(refused.value.fields) == ["parent"]
        assert "sub-departments" in refused.value.fields["parent"][0]
    cast.service.refresh_from_db()
    assert cast.service.parent is None
    assert audit_rows(cast.service) == []


def test_duplicate_department_code_is_refused_case_insensitively(cast):
    with pytest.raises(ValidationFailed) as refused:
        services.create_department(actor=cast.admin, data={"name": "重复", "code": "SERVICE"})
    assert refused.value.fields == {"code": ["Another department already uses this code."]}
    assert not Department.objects.filter(name="重复").exists()


def test_missing_and_badly_formed_fields_are_reported_per_field(cast):
    with pytest.raises(ValidationFailed) as refused:
        services.create_department(
            actor=cast.admin, data={"name": "", "code": "not a slug", "kind": "alien"}
        )
    assert set(refused.value.fields) == {"name", "code", "kind"}


def test_manager_may_not_create_a_department(cast):
    with pytest.raises(NotPermitted):
        services.create_department(actor=cast.manager, data={"name": "销售部", "code": "sales"})
    assert not Department.objects.filter(code="sales").exists()


def test_team_leader_must_belong_to_the_department(cast):
    outsider = Staff.objects.get(user=cast.handler)
    with pytest.raises(ValidationFailed) as refused:
        services.create_team(
            actor=cast.admin,
            data={
                "department": cast.service,
                "name": "投诉处理组",
                "code": "complaints",
                "leader": outsider,
            },
        )
    assert list(refused.value.fields) == ["leader"]
    assert not Team.objects.filter(code="complaints").exists()


def test_team_with_members_cannot_move_to_another_department(cast):
    with pytest.raises(ValidationFailed) as refused:
        services.update_team(
            actor=cast.admin, team=cast.call_center, data={"department": cast.engineering}
        )
    assert list(refused.value.fields) == ["department"]
    cast.call_center.refresh_from_db()
    assert cast.call_center.department == cast.service


def test_position_superior_chain_cannot_loop(cast):
    head = services.create_position(
        actor=cast.manager,
        data={"title": "客服经理", "code": "cs-manager", "department": cast.service},
    )
    lead = services.create_position(
        actor=cast.manager,
        data={"title": "主管", "code": "cs-lead", "department": cast.service, "superior": head},
    )
    with pytest.raises(ValidationFailed) as refused:
        services.update_position(actor=cast.manager, position=head, data={"superior": lead})
    assert list(refused.value.fields) == ["superior"]
    head.refresh_from_db()
    assert head.superior is None


def test_duplicate_employee_number_is_refused_and_nothing_written(cast):
    before = Staff.objects.count()
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.create_staff(
            actor=cast.manager,
            data={"employee_number": "t001", "name": "张三", "department": cast.service},
        )
    assert refused.value.fields == {
        "employee_number": ["Another staff member already has this employee number."]
    }
    assert Staff.objects.count() == before
    assert AuditEntry.objects.count() == audit_before


def test_staff_team_and_position_must_be_of_the_staff_department(cast):
    elsewhere = Position.objects.create(
        title="工程师", code="engineer", department=cast.engineering
    )
    with pytest.raises(ValidationFailed) as refused:
        services.create_staff(
            actor=cast.manager,
            data={
                "employee_number": "E100",
                "name": "李四",
                "department": cast.engineering,
                "team": cast.call_center,
                "position": elsewhere,
            },
        )
    assert list(refused.value.fields) == ["team"]


def test_a_login_links_to_one_staff_member_only(cast):
    with pytest.raises(ValidationFailed) as refused:
        services.create_staff(
            actor=cast.manager,
            data={
                "employee_number": "E101",
                "name": "王五",
                "department": cast.service,
                "user": cast.agent,
            },
        )
    assert list(refused.value.fields) == ["user"]


def test_staff_phone_is_normalised_and_audited_masked(cast):
    staff = services.create_staff(
        actor=cast.manager,
        data={
            "employee_number": "E102",
            "name": "赵六",
            "department": cast.service,
            "team": cast.call_center,
            "phone": "+86 138-0013-8000",
            "skills": [" 投诉 ", "VIP", "投诉", ""],
        },
    )
    staff.refresh_from_db()
    assert staff.phone == "13800138000"
    assert staff.skills == ["投诉", "VIP"]
    [created] = audit_rows(staff)
    assert created.changes["phone"] == [None, "138****8000"]
    services.update_staff(actor=cast.manager, staff=staff, data={"phone": "13900139000"})
    updated = audit_rows(staff)[-1]
    assert updated.changes == {"phone": ["138****8000", "139****9000"]}
    assert "13900139000" not in str(updated.changes)


def test_invalid_phone_is_refused(cast):
    staff = Staff.objects.get(user=cast.agent)
    with pytest.raises(ValidationFailed) as refused:
        services.update_staff(actor=cast.manager, staff=staff, data={"phone": "12"})
    assert refused.value.fields == {"phone": ["Enter a valid phone number."]}


def test_refused_update_leaves_the_callers_instance_untouched(cast):
    staff = Staff.objects.get(user=cast.agent)
    with pytest.raises(ValidationFailed):
        services.update_staff(
            actor=cast.manager, staff=staff, data={"name": "新名字", "employee_number": "T002"}
        )
    assert staff.name == "agent"
    staff.refresh_from_db()
    assert staff.name == "agent"


def test_update_staff_status(cast):
    staff = Staff.objects.get(user=cast.agent)
    saved = services.update_staff(actor=cast.manager, staff=staff, data={"status": "on_leave"})
    assert saved.status == StaffStatus.ON_LEAVE
    assert audit_rows(staff)[-1].changes == {"status": ["active", "on_leave"]}
