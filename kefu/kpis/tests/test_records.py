"""Every figure equals the count of the records it links to (指标 = 明细行数)."""

from __future__ import annotations

import pytest

from kefu.kpis.rollup import rollup_days
from kefu.kpis.service import kpi_table
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START
from kefu.kpis.tests.pages import listed
from kefu.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def _check_every_cell(client, rows) -> int:
    checked = 0
    for row in rows:
        for cell in row.cells.values():
            for url, expected in (
                (cell.numerator_url, cell.numerator),
                (cell.denominator_url, cell.denominator),
            ):
                if url is None:
                    continue
                ids = listed(client, url)
                assert len(ids) == expected, (row.group_label, row.period_start, cell.code, url)
                assert len(set(ids)) == len(ids), (cell.code, "a row listed twice")
                checked += 1
    return checked


@pytest.mark.parametrize(
    ("group_by", "period"), [(None, None), ("team", None), ("person", None), (None, "week")]
)
def test_each_figure_of_a_generated_month_equals_the_count_of_its_records_page(
    month, cast, client, group_by, period
):
    rollup_days(MONTH_START, MONTH_END)  # closed days: the figures come from the rollups
    rows = kpi_table(
        user=cast.manager, start=MONTH_START, end=MONTH_END, group_by=group_by, period=period
    )
    assert sum(row.cells["volume"].numerator or 0 for row in rows) >= 50
    client.force_login(cast.manager)
    assert _check_every_cell(client, rows) >= 15 * len(rows)


def test_an_agent_sees_only_the_figures_and_records_of_their_own_work(month, cast, client):
    rows = kpi_table(user=cast.agent, start=MONTH_START, end=MONTH_END)
    client.force_login(cast.agent)
    _check_every_cell(client, rows)
    mine = set(Ticket.objects.filter(assignee=cast.agent).values_list("number", flat=True))
    volume = rows[0].cells["volume"]
    assert volume.numerator_url is not None
    listed_numbers = set(listed(client, volume.numerator_url))
    assert listed_numbers
    assert listed_numbers <= mine
    # The manager's page of the same figure lists work orders of others, hidden from the agent.
    client.force_login(cast.manager)
    everyone = set(listed(client, volume.numerator_url))
    assert everyone - listed_numbers
    assert all(
        Ticket.objects.get(number=number).assignee_id != cast.agent.pk
        for number in everyone - listed_numbers
    )


def test_a_handler_may_not_see_kpis_or_their_records(month, cast, client):
    client.force_login(cast.handler)
    response = client.get("/kpis/records/?kpi=volume&part=numerator&from=2026-11-01&to=2026-12-01")
    assert response.status_code == 403
    assert client.get("/kpis/").status_code == 403


def test_a_records_page_for_a_part_the_figure_lacks_is_refused(cast, client):
    client.force_login(cast.manager)
    response = client.get(
        "/kpis/records/?kpi=first_response_median&part=numerator&from=2026-11-01&to=2026-12-01"
    )
    assert response.status_code == 400
    assert "该指标没有这一部分。" in response.content.decode()
