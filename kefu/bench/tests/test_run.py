"""``kefu bench`` end to end on a small SQLite dataset: every scenario measured, nothing failed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kefu.bench.run.scenarios import SCENARIOS

NUMBERS = ("p50_ms", "p95_ms", "rps", "sql_ms")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    data = tmp_path_factory.mktemp("bench-data")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_", "DJANGO_"))}
    env["KEFU_DATA_DIR"] = str(data)
    if "KEFU_STATIC_ROOT" in os.environ:
        env["KEFU_STATIC_ROOT"] = os.environ["KEFU_STATIC_ROOT"]
    done = subprocess.run(
        [sys.executable, "-m", "kefu.cli", "bench", "--work-orders", "300", "--duration", "1",
         "--warmup", "0.3", "--json", "--root", str(data / "bench")],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, done.stdout[-2000:]  # exactly one JSON object on stdout
    found: dict[str, object] = json.loads(lines[0])
    return found


def test_every_scenario_is_measured_without_errors(report: dict[str, object]) -> None:
    scenarios = report["scenarios"]
    assert isinstance(scenarios, dict)
    assert list(scenarios) == [s.name for s in SCENARIOS]
    for name, line in scenarios.items():
        assert line["errors"] == 0, (name, line["error_samples"])
        assert line["requests"] > 0, name
        for key in NUMBERS:
            assert isinstance(line[key], float | int), (name, key, line)
            assert line[key] > 0, (name, key, line)
        assert line["p95_ms"] >= line["p50_ms"], name
    assert report["database"] == "sqlite"


def test_web_workers_memory_is_reported(report: dict[str, object]) -> None:
    memory = report["rss_mb_per_worker"]
    assert isinstance(memory, dict)
    assert len(memory["each"]) == 2  # two gunicorn workers, as kefu serve starts them
    assert all(mb > 0 for mb in memory["each"])
    assert memory["max"] == max(memory["each"])


def test_work_orders_created_over_http_are_in_the_database(report: dict[str, object]) -> None:
    dataset, created = report["dataset"], report["created_work_orders"]
    assert isinstance(dataset, dict)
    assert isinstance(created, dict)
    assert dataset["work_orders"] >= 300
    sample = created["sample"]
    assert created["count"] > 0
    assert sample
    database = Path(dataset["data_dir"]) / "kefu.sqlite3"
    with sqlite3.connect(database) as db:
        marks = ",".join("?" * len(sample))
        found = db.execute(
            f"SELECT COUNT(*) FROM tickets_ticket WHERE number IN ({marks})",
            sample,
        ).fetchone()[0]
        total = db.execute("SELECT COUNT(*) FROM tickets_ticket").fetchone()[0]
    assert found == len(sample)
    assert total >= dataset["work_orders"] + created["count"]
