"""Organisation console pages: who may open what, what they show, the forms, the query budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kefu.audit.models import AuditEntry
from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.models import Department, Position, Staff, Team

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
ORG_ADMINS = {"admin"}  # departments and teams
PEOPLE_MANAGERS = {"admin", "manager"}  # positions and staff


@dataclass
class World:
    cast: Any
    lead: Position
    agent_position: Position
    agent_staff: Staff
    sub_department: Department


@pytest.fixture
def world(cast) -> World:
    cast.property_company.obligations = "转来的投诉 8 小时内处理，3 日内答复"
    cast.property_company.save()
    sub_department = Department.objects.create(
        name="投诉处理中心", code="complaint-center", parent=cast.service
    )
    lead = Position.objects.create(
        title="客服主管",
        code="cs-lead",
        department=cast.service,
        headcount_quota=2,
        purpose="带领班组完成服务目标",
        duties="排班\n质检复核",
        qualifications="大专以上，三年客服经验",
        kpis="客户满意度\n投诉处理及时率",
    )
    agent_position = Position.objects.create(
        title="客服专员", code="cs-agent", department=cast.service, superior=lead, headcount_quota=5
    )
    agent_staff = Staff.objects.get(user=cast.agent)
    agent_staff.position = agent_position
    agent_staff.phone = "13800138000"
    agent_staff.save()
    return World(cast, lead, agent_position, agent_staff, sub_department)


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def login(client: Client, cast: Any, role: str) -> Client:
    client.force_login(cast.by_role(role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@dataclass(frozen=True)
class PageCase:
    name: str
    url: Callable[[World], str]
    allowed: set[str]
    shows: Callable[[World], list[str]]


PAGES = (
    PageCase(
        "home",
        lambda w: reverse("org:home"),
        VIEWERS,
        lambda w: ["客服部", "工程部", "物业公司", "维修外包", "投诉处理中心", "8 小时内处理"],
    ),
    PageCase(
        "department",
        lambda w: reverse("org:department", args=[w.cast.service.pk]),
        VIEWERS,
        lambda w: ["客服部", "呼叫中心组", "客服主管", "客服专员", "T004", "投诉处理中心"],
    ),
    PageCase(
        "positions",
        lambda w: reverse("org:positions"),
        VIEWERS,
        lambda w: ["客服主管", "客服专员", "1 / 5", "0 / 2"],
    ),
    PageCase(
        "position",
        lambda w: reverse("org:position", args=[w.agent_position.pk]),
        VIEWERS,
        lambda w: ["客服专员", "客服主管", "agent", "1 / 5"],
    ),
    PageCase(
        "staff_list",
        lambda w: reverse("org:staff_list"),
        VIEWERS,
        lambda w: ["T001", "T009", "客服专员", "138****8000"],
    ),
    PageCase(
        "staff",
        lambda w: reverse("org:staff", args=[w.agent_staff.pk]),
        VIEWERS,
        lambda w: ["T004", "客服专员", "呼叫中心组", "138****8000"],
    ),
    PageCase(
        "department_create",
        lambda w: reverse("org:department_create"),
        ORG_ADMINS,
        lambda w: ['name="code"', 'name="obligations"', "投诉处理中心"],
    ),
    PageCase(
        "department_edit",
        lambda w: reverse("org:department_edit", args=[w.cast.service.pk]),
        ORG_ADMINS,
        lambda w: ['value="客服部"'],
    ),
    PageCase(
        "team_create",
        lambda w: reverse("org:team_create"),
        ORG_ADMINS,
        lambda w: ['name="leader"', "工程部"],
    ),
    PageCase(
        "team_edit",
        lambda w: reverse("org:team_edit", args=[w.cast.call_center.pk]),
        ORG_ADMINS,
        lambda w: ['value="呼叫中心组"'],
    ),
    PageCase(
        "position_create",
        lambda w: reverse("org:position_create"),
        PEOPLE_MANAGERS,
        lambda w: ['name="headcount_quota"', 'name="kpis"', "客服部 / 客服主管"],
    ),
    PageCase(
        "position_edit",
        lambda w: reverse("org:position_edit", args=[w.lead.pk]),
        PEOPLE_MANAGERS,
        lambda w: ['value="客服主管"', "投诉处理及时率"],
    ),
    PageCase(
        "staff_create",
        lambda w: reverse("org:staff_create"),
        PEOPLE_MANAGERS,
        lambda w: ['name="employee_number"', 'name="user"', "客服部 / 呼叫中心组"],
    ),
    PageCase(
        "staff_edit",
        lambda w: reverse("org:staff_edit", args=[w.agent_staff.pk]),
        PEOPLE_MANAGERS,
        lambda w: ['value="T004"', "138****8000"],
    ),
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_access_by_role(client, world, page, role):
    response = login(client, world.cast, role).get(page.url(world))
    if role in page.allowed:
        assert response.status_code == 200
        html = response.content.decode()
        for text in page.shows(world):
            assert text in html, text
        assert "13800138000" not in html  # the phone is personal data: masked everywhere
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_anonymous_is_sent_to_login(client, world, page):
    url = page.url(world)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize(
    "name",
    [
        "org:department",
        "org:department_edit",
        "org:team_edit",
        "org:position",
        "org:position_edit",
        "org:staff",
        "org:staff_edit",
    ],
)
def test_missing_rows_answer_404(client, cast, name):
    response = login(client, cast, "admin").get(reverse(name, args=[999999]))
    assert response.status_code == 404


def test_tree_nests_departments_and_marks_partners(client, world):
    html = login(client, world.cast, "agent").get(reverse("org:home")).content.decode()
    assert html.count('class="badge partner"') == 2
    assert html.count('class="badge internal"') == 3
    service_at = html.index(">客服部<")
    child_at = html.index(">投诉处理中心<")
    engineering_at = html.index(">工程部<")
    # The sub-department is drawn inside its parent's list item, before the next sibling.
    assert service_at < child_at < engineering_at or engineering_at < service_at < child_at
    parent_item = html[service_at:child_at]
    assert "<ul>" in parent_item
    assert "转来的投诉 8 小时内处理，3 日内答复" in html


def test_home_shows_create_button_only_to_who_may_create(client, world):
    assert reverse("org:department_create") in (
        login(client, world.cast, "admin").get(reverse("org:home")).content.decode()
    )
    assert reverse("org:department_create") not in (
        login(client, world.cast, "manager").get(reverse("org:home")).content.decode()
    )


def test_headcount_is_actual_active_staff_against_quota(client, world):
    cast = world.cast
    for number, status in enumerate(
        (StaffStatus.ACTIVE, StaffStatus.ACTIVE, StaffStatus.ACTIVE, StaffStatus.LEFT), start=1
    ):
        Staff.objects.create(
            employee_number=f"L{number}",
            name=f"主管{number}",
            department=cast.service,
            position=world.lead,
            status=status,
        )
    login(client, cast, "qa")
    detail = client.get(reverse("org:position", args=[world.lead.pk])).content.decode()
    assert '<span class="headcount over-quota" data-testid="headcount">3 / 2</span>' in detail
    assert "Over quota" in detail
    assert "排班" in detail
    assert "大专以上，三年客服经验" in detail
    assert "投诉处理及时率" in detail
    assert "主管4" not in detail  # those who left are not holders
    listing = client.get(reverse("org:positions")).content.decode()
    assert '<span class="headcount" data-testid="headcount">1 / 5</span>' in listing
    assert '<span class="headcount over-quota" data-testid="headcount">3 / 2</span>' in listing
    other = client.get(reverse("org:position", args=[world.agent_position.pk])).content.decode()
    assert "4 vacancies" in other
    assert "over-quota" not in other


# --- writes through the forms ----------------------------------------------------------------


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


# --- the staff list --------------------------------------------------------------------------


def make_staff(cast: Any, count: int, prefix: str = "S") -> list[Staff]:
    team = Team.objects.create(department=cast.engineering, name="维修组", code=f"{prefix}-team")
    position = Position.objects.create(
        title="维修工", code=f"{prefix}-fixer", department=cast.engineering, headcount_quota=99
    )
    return Staff.objects.bulk_create(
        Staff(
            employee_number=f"{prefix}{n:04d}",
            name=f"员工{n}",
            department=cast.engineering,
            team=team,
            position=position,
            phone=f"139{n:08d}",
            status=StaffStatus.LEFT if n % 10 == 0 else StaffStatus.ACTIVE,
        )
        for n in range(1, count + 1)
    )


def test_staff_list_filters_and_search(client, world):
    cast = world.cast
    make_staff(cast, 12)
    login(client, cast, "supervisor")

    def numbers(**params: Any) -> list[str]:
        response = client.get(reverse("org:staff_list"), params)
        assert response.status_code == 200
        return [row.staff.employee_number for row in response.context["rows"]]

    assert numbers(department=cast.engineering.pk)[:2] == ["S0001", "S0002"]
    assert "T007" in numbers(department=cast.engineering.pk)  # the handler works there
    assert numbers(team=cast.call_center.pk) == [f"T{n:03d}" for n in range(1, 7)]
    assert numbers(status="left") == ["S0010"]
    assert numbers(q="T00") == [f"T{n:03d}" for n in range(1, 10)]
    assert numbers(q="员工1") == ["S0001", "S0010", "S0011", "S0012"]
    assert numbers(department="nonsense") == numbers()


def test_staff_list_pages_return_every_row_exactly_once(client, world):
    cast = world.cast
    make_staff(cast, 23)
    login(client, cast, "auditor")
    expected = sorted(Staff.objects.values_list("employee_number", flat=True))
    seen: list[str] = []
    url: str | None = reverse("org:staff_list") + "?limit=5"
    pages = 0
    while url:
        response = client.get(url if url.startswith("/") else reverse("org:staff_list") + url)
        seen += [row.staff.employee_number for row in response.context["rows"]]
        url = response.context["next_url"]
        pages += 1
    assert seen == expected
    assert pages == -(-len(expected) // 5)


def test_staff_list_ignores_a_forged_cursor(client, world):
    response = login(client, world.cast, "agent").get(reverse("org:staff_list") + "?cursor=%%%")
    assert response.status_code == 200
    assert len(response.context["rows"]) == Staff.objects.count()


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_staff_list_query_count_does_not_grow_with_rows(
    client, world, django_assert_max_num_queries
):
    cast = world.cast
    login(client, cast, "manager")
    url = reverse("org:staff_list")
    few = count_queries(client, url)
    make_staff(cast, 60)
    many = count_queries(client, url)
    assert few == many
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.context["rows"]) == 50


@pytest.mark.parametrize(
    "name", ["org:home", "org:positions", "org:department", "org:position"], ids=str
)
def test_other_pages_query_count_does_not_grow_with_rows(client, world, name):
    cast = world.cast
    args = {"org:department": [cast.engineering.pk], "org:position": [world.lead.pk]}
    url = reverse(name, args=args.get(name))
    login(client, cast, "agent")
    few = count_queries(client, url)
    for n in range(5):
        Department.objects.create(name=f"分部{n}", code=f"branch-{n}", parent=cast.engineering)
        Position.objects.create(
            title=f"岗位{n}", code=f"post-{n}", department=cast.engineering, superior=world.lead
        )
    make_staff(cast, 30)
    Staff.objects.filter(employee_number__startswith="S00").update(position=world.lead)
    Staff.objects.filter(employee_number__startswith="S00").update(department=cast.service)
    assert count_queries(client, url) == few
