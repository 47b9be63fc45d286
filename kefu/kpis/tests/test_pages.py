"""The KPI table page (考核指标页面): figures linked to their records, refusals shown."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_supervisor_sees_the_month_by_team_with_each_figure_linked(month, cast, client):
    client.force_login(cast.supervisor)
    response = client.get("/kpis/?from=2026-11-01&to=2026-12-01&group_by=team")
    assert response.status_code == 200
    text = response.content.decode()
    assert "投诉组" in text
    assert "呼叫中心组" in text
    assert "/kpis/records/?kpi=satisfaction_rate&amp;part=numerator" in text
    assert "group_by=team" in text


def test_an_agent_sees_my_kpis(month, cast, client):
    client.force_login(cast.agent)
    response = client.get("/kpis/?from=2026-11-01&to=2026-12-01")
    assert response.status_code == 200
    assert "我的考核指标" in response.content.decode()


def test_a_bad_range_is_shown_with_its_message(cast, client):
    client.force_login(cast.manager)
    response = client.get("/kpis/?from=2026-12-01&to=2026-11-01")
    assert response.status_code == 422
    assert "结束日期必须晚于开始日期。" in response.content.decode()
