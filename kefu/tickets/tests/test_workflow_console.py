"""Workflow pages: admin only, readable versions, the editor validates and publishes."""

from __future__ import annotations

import json

import pytest

from kefu.conftest import ROLES
from kefu.tickets.models import WorkflowVersion
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.test_publishing import consultation, with_triage

pytestmark = pytest.mark.django_db

PAGES = (
    "/work-orders/workflows/",
    "/work-orders/workflows/new/",
    "/work-orders/workflows/complaint/",
    "/work-orders/workflows/complaint/versions/1/",
    "/work-orders/workflows/complaint/edit/",
)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_only_an_admin_may_open_the_workflow_pages(client, cast, role):
    client.force_login(cast.by_role(role))
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    response = client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": json.dumps(with_triage(consultation())), "action": "publish"},
    )
    assert response.status_code == 403
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1


def test_the_admin_sees_every_page(client, cast):
    client.force_login(cast.admin)
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    nav = {item["key"] for item in client.get("/").context["nav_items"]}
    assert "workflows" in nav


def test_the_list_shows_current_versions_and_open_work_orders_per_version(client, cast, customer):
    open_ticket(cast, customer, "consultation")
    open_ticket(cast, customer, "consultation")
    client.force_login(cast.admin)
    client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": json.dumps(with_triage(consultation())), "base_version": "1"},
    )
    open_ticket(cast, customer, "consultation")
    rows = {
        row.ticket_type.code: row for row in client.get("/work-orders/workflows/").context["rows"]
    }
    assert rows["consultation"].current == 2
    assert rows["consultation"].open_by_version == [(2, 1), (1, 2)]
    assert rows["complaint"].open_by_version == [(1, 0)]


def test_the_type_page_shows_states_steps_and_vocabulary_labels(client, cast):
    client.force_login(cast.admin)
    page = client.get("/work-orders/workflows/complaint/").content.decode()
    assert "待回访" in page or "回访" in page
    assert "开具工作联系单" in page  # effect issue_contact_order, by its Chinese label
    assert "责任部门" in page  # required field responsible_department
    assert "callback_done" in page  # a condition of archiving
    assert "等待责任部门/合作单位" in page  # status category label
    assert 'data-version="1"' in page


def test_validate_shows_the_problems_of_the_typed_definition(client, cast):
    client.force_login(cast.admin)
    data = consultation()
    data["transitions"][0]["effects"] = ["send_flowers"]
    response = client.post(
        "/work-orders/workflows/consultation/validate/",
        {"definition": json.dumps(data)},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "操作“answer”使用了未知的效果“send_flowers”。" in body
    ok = client.post(
        "/work-orders/workflows/consultation/validate/",
        {"definition": json.dumps(with_triage(consultation()))},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "未发现问题" in ok
    broken = client.post(
        "/work-orders/workflows/consultation/validate/", {"definition": '{"states": ['}
    ).content.decode()
    assert "不是有效的 JSON" in broken
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1


def test_a_refused_publish_keeps_the_typed_definition_and_lists_the_problems(client, cast):
    client.force_login(cast.admin)
    data = consultation()
    data["states"].append(
        {"code": "limbo", "label_zh": "悬空", "label_en": "Limbo", "category": "open"}
    )
    typed = json.dumps(data, ensure_ascii=False)
    response = client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": typed, "base_version": "1", "action": "publish"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "状态“limbo”无法从初始状态到达。" in body
    assert response.context["form"]["definition"].value() == typed
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1


def test_publishing_from_the_editor_makes_version_2(client, cast):
    client.force_login(cast.admin)
    editor = client.get("/work-orders/workflows/consultation/edit/")
    prefilled = json.loads(editor.context["form"]["definition"].value())
    assert prefilled["states"][0]["code"] == "recorded"
    response = client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": json.dumps(with_triage(prefilled)), "base_version": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/work-orders/workflows/consultation/"
    current = WorkflowVersion.objects.current_for("consultation")
    assert current is not None
    assert current.version == 2
    page = client.get("/work-orders/workflows/consultation/").content.decode()
    assert "分诊" in page
    assert "admin" in page


def test_a_stale_editor_cannot_overwrite_a_newer_version(client, cast):
    client.force_login(cast.admin)
    client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": json.dumps(with_triage(consultation())), "base_version": "1"},
    )
    data = with_triage(consultation())
    data["states"][1]["label_zh"] = "分诊处理"
    response = client.post(
        "/work-orders/workflows/consultation/edit/",
        {"definition": json.dumps(data), "base_version": "1"},
    )
    assert response.status_code == 200
    assert "请刷新编辑器" in response.content.decode()
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 2


def test_a_new_type_is_added_from_the_console(client, cast):
    client.force_login(cast.admin)
    starter = client.get("/work-orders/workflows/new/").context["form"]["definition"].value()
    response = client.post(
        "/work-orders/workflows/new/",
        {
            "code": "booking",
            "name_zh": "预约",
            "name_en": "Booking",
            "number_prefix": "LX",
            "definition": starter,
        },
    )
    assert response.status_code == 200
    assert "前缀 LX 已用于工作联系单。" in response.content.decode()
    response = client.post(
        "/work-orders/workflows/new/",
        {
            "code": "booking",
            "name_zh": "预约",
            "name_en": "Booking",
            "number_prefix": "YY",
            "definition": starter,
        },
    )
    assert response.status_code == 302
    assert WorkflowVersion.objects.get(ticket_type__code="booking").version == 1
