"""Organisation console lists: filters, search, pagination and the query budget."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kefu.org.choices import StaffStatus
from kefu.org.models import Department, Position, Staff, Team
from kefu.org.tests.clients import login


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
