"""KPIs at a million work orders (百万工单下的指标): every source reads its period through an
index on its timestamp, the table's query count does not grow with the data, the rollups spare
the raw rows, backlog and percentiles are counted by index-friendly queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from kefu.core.tests.plans import plan_of
from kefu.kpis.aggregate import grouped_counts, local_midnight, nearest_rank, percentiles_live
from kefu.kpis.catalog import CATALOG
from kefu.kpis.rollup import rollup_days
from kefu.kpis.scope import EVERYTHING, scope_of
from kefu.kpis.service import kpi_table
from kefu.kpis.sources import (
    CALENDAR_RESPONSE,
    SOURCES,
    TICKETS_CREATED,
    TICKETS_FIRST_RESPONSE,
    Source,
    backlog_condition,
)
from kefu.kpis.tests.conftest import MONTH_END, MONTH_START
from kefu.kpis.tests.world import generate_month
from kefu.org.models import Team
from kefu.tickets.models import Ticket

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/kpis"


def _column(source: Source) -> str:
    field = source.model._meta.get_field(source.date_field)
    assert isinstance(field, models.Field)
    return str(field.column)


def _indexes_on(source: Source) -> list[str]:
    """Names of the indexes of the source's table led by its date column."""
    table = source.model._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["primary_key"]
        and (info["columns"] or [""])[0] == _column(source)
    ]


@pytest.mark.parametrize("source", SOURCES, ids=[source.key for source in SOURCES])
def test_every_source_reads_its_month_through_an_index_on_its_timestamp(source, cast, clock):
    indexes = _indexes_on(source)
    if not indexes:
        pytest.skip(f"no index led by {source.model._meta.db_table}.{source.date_field} yet")
    qs = grouped_counts(
        source,
        scope=scope_of(cast.manager),
        start=MONTH_START,
        end=MONTH_END,
        at=clock.current,
        dimension="team",
    )
    sql, params = qs.query.sql_with_params()
    plan = plan_of(sql, params)
    table = source.model._meta.db_table
    column = _column(source)
    names = "|".join(re.escape(name) for name in indexes)
    if connection.vendor == "postgresql":
        assert re.search(rf"Index (Only )?Scan using ({names}) on {table}", plan) or re.search(
            rf"Bitmap Index Scan on ({names})", plan
        ), plan
        assert re.search(rf"Index Cond: .*{column} >=", plan), plan
    else:
        assert re.search(
            rf"SEARCH {table} USING (COVERING )?INDEX ({names}) \({column}>\? AND {column}<\?\)",
            plan,
        ), plan
    # Joined tables are reached by their primary key, never read whole.
    assert "SCAN tickets_ticket" not in plan, plan
    assert "Seq Scan" not in plan, plan


def test_the_not_merged_condition_never_reads_through_the_merged_into_index(cast, clock):
    qs = grouped_counts(
        TICKETS_CREATED,
        scope=EVERYTHING,
        start=MONTH_START,
        end=MONTH_END,
        at=clock.current,
        dimension="channel",
    )
    sql, params = qs.query.sql_with_params()
    assert "merged_into_id" in sql
    # The condition may be checked on the month's rows, never used to find them.
    assert "tickets_ticket_merged_into_id" not in plan_of(sql, params)


def _api_queries(client: Any, token: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(
            URL,
            {"from": "2026-11-01", "to": "2026-12-01", "group_by": "team", "period": "month"},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    assert response.status_code == 200
    return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries]


def _more_teams(cast: Any, n: int) -> None:
    """Spread the generated work orders over ``n`` more teams (more rows in the table)."""
    tickets = list(Ticket.objects.order_by("id").values_list("id", flat=True))
    for i in range(n):
        team = Team.objects.create(department=cast.service, name=f"扩展组{i}", code=f"more{i}")
        Ticket.objects.filter(id__in=tickets[i::n]).update(team=team)


def test_the_kpi_api_needs_the_same_few_queries_however_many_teams_it_lists(
    month, cast, client, clock, django_assert_max_num_queries
):
    token = cast.token("supervisor")
    rollup_days(MONTH_START, MONTH_END)
    _api_queries(client, token)  # the first use of a token also stamps it
    with django_assert_max_num_queries(12):
        few, _sql = _api_queries(client, token)
    _more_teams(cast, 6)
    rollup_days(MONTH_START, MONTH_END)
    many, sql = _api_queries(client, token)
    body = client.get(
        URL,
        {"from": "2026-11-01", "to": "2026-12-01", "group_by": "team"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    assert len(body["rows"]) >= 6
    assert many == few
    # The month is rolled up: counters and percentiles (minute histograms) come from the
    # rollups, the raw rows are not read at all.
    assert [q for q in sql if "kpis_dailyrollup" in q]
    assert not [q for q in sql if '"tickets_ticket"' in q or '"deadlines_deadline"' in q], sql


def test_a_rolled_up_month_is_read_from_the_rollups_and_equals_the_live_count(month, cast, clock):
    live = kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END, group_by="team")
    rollup_days(MONTH_START, MONTH_END)
    with CaptureQueriesContext(connection) as captured:
        rolled = kpi_table(user=cast.manager, start=MONTH_START, end=MONTH_END, group_by="team")
    assert [(r.group_key, {c: v.display for c, v in r.cells.items()}) for r in rolled] == [
        (r.group_key, {c: v.display for c, v in r.cells.items()}) for r in live
    ]
    assert any("kpis_dailyrollup" in q["sql"] for q in captured.captured_queries)


def test_the_backlog_now_is_the_open_work_through_the_status_index(month, cast, clock):
    at = clock.current  # after every generated time
    now_rows = set(Ticket.objects.filter(backlog_condition(at, at)).values_list("id", flat=True))
    rebuilt = set(
        Ticket.objects.filter(merged_into__isnull=True, created_at__lt=at)
        .filter(resolved_at__isnull=True)
        .values_list("id", flat=True)
    )
    assert now_rows
    assert now_rows == rebuilt
    sql, params = (
        Ticket.objects.filter(backlog_condition(at, at)).only("id").query.sql_with_params()
    )
    plan = plan_of(sql, params)
    # Read through an index on the status (the queue's, or another led by the status), never
    # by reading the whole table.
    if connection.vendor == "postgresql":
        assert re.search(r"Index (Only )?Scan|Bitmap Index Scan", plan), plan
        assert "Seq Scan" not in plan, plan
    else:
        assert re.search(
            r"SEARCH tickets_ticket USING (COVERING )?INDEX \w+ \(status_category=", plan
        ), plan
    this_month = kpi_table(
        user=cast.manager, start=dt.date(2026, 12, 1), end=dt.date(2027, 1, 1), codes=("backlog",)
    )
    row = this_month[0]
    assert row.cells["backlog"].numerator == len(now_rows)


@pytest.mark.parametrize("day", [dt.date(2026, 11, 1), dt.date(2026, 11, 15), dt.date(2026, 12, 1)])
def test_the_backlog_of_a_past_end_is_the_reconstruction_of_its_definition(cast, clock, day):
    generate_month(cast, start=MONTH_START, end=MONTH_END)
    end = local_midnight(day)
    found = set(
        Ticket.objects.filter(backlog_condition(end, clock.current)).values_list("id", flat=True)
    )
    by_definition = {
        t.id
        for t in Ticket.objects.all()
        if t.merged_into_id is None
        and t.created_at < end
        and (t.resolved_at is None or t.resolved_at >= end)
    }
    assert found
    assert found == by_definition


def test_nearest_rank_is_the_lower_middle_for_an_even_count():
    assert [nearest_rank(n, 50) for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3]
    assert [nearest_rank(n, 90) for n in (1, 9, 10, 11, 20)] == [1, 9, 9, 10, 18]


def test_the_median_and_the_90th_percentile_come_from_one_query_and_match_by_hand(
    month, cast, clock
):
    scope = scope_of(cast.manager)
    with CaptureQueriesContext(connection) as captured:
        found = percentiles_live(
            TICKETS_FIRST_RESPONSE,
            CALENDAR_RESPONSE,
            (50, 90),
            scope=scope,
            start=MONTH_START,
            end=MONTH_END,
            at=clock.current,
            dimension="team",
        )
    assert len(captured.captured_queries) == 1
    start, end = local_midnight(MONTH_START), local_midnight(MONTH_END)
    by_team: dict[str, list[dt.timedelta]] = {}
    for t in Ticket.objects.filter(
        merged_into__isnull=True, first_response_at__gte=start, first_response_at__lt=end
    ):
        assert t.first_response_at is not None
        by_team.setdefault(str(t.team_id or ""), []).append(t.first_response_at - t.created_at)
    assert by_team
    for team, values in by_team.items():
        values.sort()
        for percent in (50, 90):
            assert found[percent][(team, None)] == values[nearest_rank(len(values), percent) - 1]
    # The table asks for both percents of each source once: two window queries in all.
    with CaptureQueriesContext(connection) as captured:
        kpi_table(
            user=cast.manager,
            start=MONTH_START,
            end=MONTH_END,
            codes=[code for code, kpi in CATALOG.items() if kpi.percentile is not None],
        )
    windows = [q for q in captured.captured_queries if "ROW_NUMBER" in q["sql"]]
    assert len(windows) == 2


def test_elapsed_time_is_exact_to_the_microsecond(month):
    ticket = Ticket.objects.order_by("id").first()
    assert ticket is not None
    created = ticket.created_at.replace(microsecond=250_000)
    cases = [
        created + dt.timedelta(minutes=7, microseconds=1),  # fraction on both sides
        created.replace(microsecond=0) + dt.timedelta(hours=30),  # none on one side
        created + dt.timedelta(seconds=59, microseconds=750_000),  # carries over a second
    ]
    for answered in cases:
        Ticket.objects.filter(pk=ticket.pk).update(created_at=created, first_response_at=answered)
        found = (
            Ticket.objects.filter(pk=ticket.pk)
            .annotate(elapsed=CALENDAR_RESPONSE)
            .values_list("elapsed", flat=True)
            .get()
        )
        assert found == answered - created
