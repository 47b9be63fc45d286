"""Bench scenarios and report figures (pure): rotation, identities, percentiles."""

from __future__ import annotations

from kefu.bench.manifest import Manifest
from kefu.bench.run.report import figures, percentile, table
from kefu.bench.run.scenarios import BY_NAME, SCENARIOS, Plan, identities, month_range


def manifest() -> Manifest:
    return Manifest(
        fingerprint="f",
        database="sqlite",
        counts={"work_orders": 10},
        seed_seconds=1.0,
        password="pw",
        users={"agent": ["a1", "a2"], "supervisor": ["s1", "s2", "lost"], "manager": ["m1"]},
        team_of={"s1": 1, "s2": 2},
        phone_last4=["1234", "5678", "9012"],
        customer_ids=[11, 12, 13],
        words_zh2=["漏水", "停车", "物业", "发票"],
        words_zh3=["物业费", "停车位", "会员卡"],
        words_kb=["发票", "积分"],
        month="2026-12",
    )


def test_scenario_names_are_the_fixed_twelve() -> None:
    assert [s.name for s in SCENARIOS] == [
        "create_c1", "create_c8", "transition_c8", "queue_list_c1", "queue_list_c8",
        "customer_lookup", "search_zh2", "search_zh3", "kb_search", "kpi_month",
        "dashboard_month", "customer_timeline",
    ]  # fmt: skip
    assert BY_NAME["create_c8"].clients == 8
    assert BY_NAME["create_c1"].clients == 1


def test_supervisors_without_a_team_do_not_read_team_queues() -> None:
    plan = Plan.of(manifest())
    assert plan.supervisors == ["s1", "s2"]
    assert plan.users() == {"a1", "a2", "s1", "s2", "m1"}


def test_queue_list_alternates_page_and_api_as_each_supervisor() -> None:
    plan = Plan.of(manifest())
    build = BY_NAME["queue_list_c1"].build
    assert build is not None
    got = [build(plan, 0, i, 1) for i in range(4)]
    assert [(r.mode, r.path) for r in got] == [
        ("session", "/work-orders/queue/team/"),
        ("token", "/api/v1/tickets?queue=team"),
    ] * 2
    assert [r.username for r in got] == ["s1", "s1", "s2", "s2"]


def test_search_words_rotate_and_clients_interleave() -> None:
    plan = Plan.of(manifest())
    build = BY_NAME["search_zh2"].build
    assert build is not None
    words = [build(plan, 0, i, 1).expect for i in range(0, 8, 2)]
    assert words == ["漏水", "停车", "物业", "发票"]
    api = build(plan, 0, 1, 1)
    assert api.path == "/api/v1/tickets?q=%E6%BC%8F%E6%B0%B4"  # quoted: sent as ASCII
    starts = {build(plan, k, 0, 4).expect for k in range(4)}
    assert len(starts) == 4


def test_creation_rotates_customers_and_types() -> None:
    plan = Plan.of(manifest())
    build = BY_NAME["create_c1"].build
    assert build is not None
    bodies = [build(plan, 0, i, 1).body for i in range(3)]
    assert [b["customer_id"] for b in bodies if b] == [11, 12, 13]
    assert [b["type"] for b in bodies if b] == ["consultation", "complaint", "consultation"]


def test_month_range_is_the_whole_month_with_exclusive_end() -> None:
    assert month_range("2026-12") == ("2026-12-01", "2027-01-01")
    assert month_range("2026-02") == ("2026-02-01", "2026-03-01")
    path = BY_NAME["kpi_month"].build(Plan.of(manifest()), 0, 0, 1).path  # type: ignore[misc]
    assert path.endswith("from=2026-12-01&to=2027-01-01&group_by=team")


def test_identities_are_every_user_a_client_will_speak_as() -> None:
    plan = Plan.of(manifest())
    assert identities(BY_NAME["queue_list_c1"], plan, 0, 64) == {
        ("session", "s1"), ("token", "s1"), ("session", "s2"), ("token", "s2"),
    }  # fmt: skip
    assert identities(BY_NAME["transition_c8"], plan, 3, 64) == {("token", "a2")}


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


def test_figures_give_rate_ratio_and_client_cpu_share() -> None:
    result = {"latencies_ms": [10.0, 20.0, 30.0, 40.0], "requests": 4, "errors": 1,
              "error_samples": ["HTTP 500"], "seconds": 2.0, "client_cpu_seconds": 0.5,
              "clients": 1, "created": []}  # fmt: skip
    line = figures(result, {"sql_ms": 4.0, "queries": [3], "statuses": [200]})
    assert (line["p50_ms"], line["p95_ms"], line["rps"]) == (20.0, 40.0, 2.0)
    assert (line["ratio"], line["client_cpu_pct"], line["errors"]) == (5.0, 25.0, 1)
    report = {"database": "sqlite", "dataset": {"fingerprint": "f"}, "scenarios": {"x": line},
              "rss_mb_per_worker": {"max": 100.0, "each": [100.0]}}  # fmt: skip
    assert "x: HTTP 500" in table(report)
