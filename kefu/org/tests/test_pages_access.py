"""Organisation console pages: who may open what, and what they show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from kefu.org.choices import StaffStatus
from kefu.org.models import Staff
from kefu.org.tests.cast_roles import ORG_ADMINS, PEOPLE_MANAGERS, ROLES, VIEWERS, World
from kefu.org.tests.clients import login


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
