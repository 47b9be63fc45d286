"""Dashboards (看板): every figure links to a list of exactly the records it counts; the month
board compares with last month and the target; agents are refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kefu.conftest import PASSWORD
from kefu.reports.models import KpiTarget
from kefu.reports.tests.links import figures, listed

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def assert_every_figure_lists_what_it_counts(client, page: str, *, at_least: int) -> None:
    found = figures(page)
    checked = 0
    for url, count, text in found:
        if count is None:  # a link to one work order, not a count
            assert url.startswith("/work-orders/"), (url, text)
            continue
        assert listed(client, url) == count, (text, url)
        checked += 1
    assert checked >= at_least


def test_every_figure_of_the_month_board_lists_as_many_records_as_it_counts(
    client, cast, served_month
):
    page = signed_in(client, cast.supervisor).get("/reports/month/?month=2026-11")
    assert page.status_code == 200
    html = page.content.decode()
    assert_every_figure_lists_what_it_counts(client, html, at_least=30)


def test_the_month_board_compares_satisfaction_with_last_month_and_the_target(
    client, cast, served_month
):
    KpiTarget.objects.create(
        code="satisfaction_rate", target=90, direction="higher", updated_at=served_month_now()
    )
    html = signed_in(client, cast.manager).get("/reports/month/?month=2026-11").content.decode()
    row = re.search(r'<tr data-kpi="satisfaction_rate">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1))).strip().split(" ")
    # November: 9 answers, 7 of them (very) satisfied; October: 1 of 2.
    assert cells[-8:] == ["77.8%", "7", "9", "50.0%", "↑", "+27.8", "90.00", "✗"]
    assert 'class="num trend better"' in row.group(1)
    assert 'class="num target missed"' in row.group(1)


def served_month_now():
    from kefu.core.clock import now

    return now()


def test_every_figure_of_today_lists_as_many_records_as_it_counts(client, cast, served_month):
    html = signed_in(client, cast.supervisor).get("/reports/today/").content.decode()
    counted = {url.split("?")[0]: count for url, count, _text in figures(html)}
    assert_every_figure_lists_what_it_counts(client, html, at_least=5)
    overdue = counted["/reports/today/overdue/"]
    assert overdue is not None
    assert overdue >= 1
    # The complaint still with the property company, the consultations still questioned
    # (12 October, 13 November) and those left open on 17, 20 and 25 November.
    backlog = next(count for url, count, text in figures(html) if "kpi=backlog" in url)
    assert backlog == 6
    callbacks = [count for url, count, text in figures(html) if "kpi=callback_completion" in url]
    assert callbacks == [3, 1]  # due today, done today


def test_today_lists_only_open_work_orders_past_or_near_their_deadline(
    client, cast, served_month, clock
):
    from kefu.reports.dashboards import today_list

    at = clock.current
    overdue = list(today_list(cast.supervisor, "overdue", at))
    soon = list(today_list(cast.supervisor, "due-soon", at))
    assert overdue
    assert all(t.next_due_at < at for t in overdue)
    assert all(at <= t.next_due_at < at + dt.timedelta(hours=2) for t in soon)
    assert all(t.status_category not in ("resolved", "closed") for t in overdue + soon)
    assert not set(overdue) & set(soon)


def test_every_figure_of_the_people_board_lists_as_many_records_as_it_counts(
    client, cast, served_month
):
    html = signed_in(client, cast.auditor).get("/reports/people/?month=2026-11").content.decode()
    assert "<td>agent</td>" in html
    assert "<td>supervisor</td>" in html
    assert_every_figure_lists_what_it_counts(client, html, at_least=5)


@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/today/",
        "/reports/today/overdue/",
        "/reports/month/",
        "/reports/month/export.xlsx",
        "/reports/people/",
        "/reports/targets/",
    ],
)
def test_agents_and_handlers_are_refused_the_dashboards(client, cast, url):
    for user in (cast.agent, cast.handler, cast.partner):
        client.force_login(user)
        assert client.get(url).status_code == 403, (user, url)


@pytest.mark.parametrize("role", ["manager", "supervisor", "auditor"])
def test_leads_and_leadership_open_every_dashboard(client, cast, role):
    client.force_login(cast.by_role(role))
    for url in ("/reports/", "/reports/today/", "/reports/month/", "/reports/people/"):
        assert client.get(url).status_code == 200, url
