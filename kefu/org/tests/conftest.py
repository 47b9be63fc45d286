"""The organisation every org test starts from, shared by the page and API tests."""

from __future__ import annotations

import pytest

from kefu.org.models import Department, Position, Staff
from kefu.org.tests.cast_roles import World


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
    agent_staff.skills = ["投诉"]
    agent_staff.save()
    return World(cast, lead, agent_position, agent_staff, sub_department)
