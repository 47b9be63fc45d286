"""Dashboards at scale (看板的查询预算): the month, today and people boards need a fixed number
of queries, however many work orders, channels, types and people the month has."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kefu.conftest import PASSWORD
from kefu.kpis.rollup import rollup_days
from kefu.kpis.service import kpi_table
from kefu.reports.tests.conftest import consultation
from kefu.tickets.models import Ticket
from kefu.tickets.services import assign_ticket

pytestmark = pytest.mark.django_db

FIRST_DAY, LAST_DAY = dt.date(2026, 10, 1), dt.date(2026, 11, 26)
PAGES = {
    "/reports/month/?month=2026-11": 50,
    "/reports/month/?month=2026-10": 50,
    "/reports/today/": 16,
    "/reports/people/?month=2026-11": 20,
}


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _by_channel(cast: Any) -> list[Any]:
    return kpi_table(
        user=cast.supervisor, start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 1),
        group_by="channel", codes=("volume",),
    )  # fmt: skip


def _busier_month(cast: Any, clock: Any, served_month: Any) -> None:
    """More work orders (left open) on more channels, assigned to more people."""
    people = [cast.agent, cast.supervisor, cast.manager, cast.qa]
    for n, (day, channel) in enumerate(
        (
            ("2026-11-18 10:00", "web"),
            ("2026-11-18 11:00", "chat"),
            ("2026-11-19 10:00", "sms"),
            ("2026-11-19 15:00", "walk_in"),
            ("2026-11-21 10:00", "email"),
        )
    ):
        clock.set(day)
        ticket = consultation(
            cast, served_month.customers[n % 3], channel=channel, satisfaction=None
        )
        assign_ticket(
            actor=cast.supervisor,
            ticket=Ticket.objects.get(pk=ticket.pk),
            assignee=people[n % len(people)],
            team=cast.call_center,
        )
    clock.set("2026-11-25 10:00")


@pytest.mark.parametrize("url", list(PAGES))
def test_each_dashboard_needs_the_same_queries_however_busy_the_month(
    url, client, cast, clock, served_month
):
    assert client.login(username=cast.supervisor.username, password=PASSWORD)
    rollup_days(FIRST_DAY, LAST_DAY)
    client.get(url)  # warm the session and permission caches
    quiet = _queries(client, url)
    assert quiet <= PAGES[url]
    channels = len(_by_channel(cast))
    _busier_month(cast, clock, served_month)
    rollup_days(FIRST_DAY, LAST_DAY)
    assert len(_by_channel(cast)) > channels
    assert _queries(client, url) == quiet
