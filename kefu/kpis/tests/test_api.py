"""The KPI table as JSON (考核指标接口): figures, scope and refusals."""

from __future__ import annotations

import pytest

from kefu.kpis.tests.conftest import MONTH_END, MONTH_START

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/kpis"


def _get(client, token, **params):
    return client.get(URL, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_returns_the_month_grouped_by_team_with_links(month, cast, client):
    response = _get(
        client,
        cast.token("supervisor"),
        **{"from": "2026-11-01", "to": "2026-12-01"},
        group_by="team",
        period="month",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["group_by"]) == ("2026-11-01", "2026-12-01", "team")
    assert {row["group_label"] for row in body["rows"]} >= {"呼叫中心组", "投诉组"}
    cell = body["rows"][0]["cells"]["satisfaction_rate"]
    assert cell["denominator"] is not None
    assert cell["denominator_url"].startswith("/kpis/records/")
    if cell["denominator"]:
        assert cell["value"] == pytest.approx(
            round(100 * cell["numerator"] / cell["denominator"], 1)
        )
    total = _get(client, cast.token("supervisor"), **{"from": "2026-11-01", "to": "2026-12-01"})
    volume = total.json()["rows"][0]["cells"]["volume"]["numerator"]
    assert volume == sum(row["cells"]["volume"]["numerator"] for row in body["rows"])
    assert {k["code"] for k in body["kpis"]} >= {"satisfaction_rate", "first_response_p90"}


def test_an_empty_period_gives_null_values_shown_as_a_dash(cast, client):
    response = _get(client, cast.token("manager"), **{"from": "2030-01-01", "to": "2030-02-01"})
    assert response.status_code == 200
    cells = response.json()["rows"][0]["cells"]
    assert cells["satisfaction_rate"]["value"] is None
    assert cells["satisfaction_rate"]["display"] == "—"
    assert cells["volume"]["value"] == 0


def test_from_after_to_is_refused_with_the_field_named(cast, client):
    response = _get(client, cast.token("manager"), **{"from": "2026-12-01", "to": "2026-11-01"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert "to" in error["fields"]


def test_an_unknown_group_or_period_is_refused(cast, client):
    response = _get(
        client,
        cast.token("manager"),
        **{"from": "2026-11-01", "to": "2026-12-01"},
        group_by="planet",
        period="fortnight",
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) >= {"group_by", "period"}


def test_a_malformed_date_is_refused(cast, client):
    response = _get(client, cast.token("manager"), **{"from": "2026-13-01", "to": "2026-12-01"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"]


def test_a_partner_may_not_read_kpis(cast, client):
    response = _get(client, cast.token("partner"), **{"from": "2026-11-01", "to": "2026-12-01"})
    assert response.status_code == 403


def test_an_agent_gets_only_the_figures_of_their_own_work(month, cast, client):
    from kefu.kpis.aggregate import local_midnight
    from kefu.tickets.models import Ticket

    response = _get(client, cast.token("agent"), **{"from": "2026-11-01", "to": "2026-12-01"})
    volume = response.json()["rows"][0]["cells"]["volume"]["numerator"]
    assert (
        volume
        == Ticket.objects.filter(
            assignee=cast.agent,
            merged_into__isnull=True,
            created_at__gte=local_midnight(MONTH_START),
            created_at__lt=local_midnight(MONTH_END),
        ).count()
    )
    assert volume > 0
