"""Bench run (压测运行): dataset, server, every scenario over HTTP, SQL floors, one report.

Order: get the dataset (``kefu.bench.dataset.ensure_dataset``), issue API tokens for the
users the scenarios speak as, start gunicorn (2 workers) and the Huey consumer exactly as
``kefu serve`` does (unless ``server_url`` names a running server), run each scenario from
a separate client process, read the workers' memory, stop the server, then measure each
scenario's SQL floor with the dataset's settings.
"""

from __future__ import annotations

import os
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kefu.bench.manifest import Manifest
from kefu.bench.run.floor import BUDGET_SECONDS
from kefu.bench.run.http import Connection
from kefu.bench.run.postgres import Cluster
from kefu.bench.run.processes import drive, gunicorn_workers, inside, worker_memory
from kefu.bench.run.report import figures
from kefu.bench.run.scenarios import API, BY_NAME, SCENARIOS, Plan
from kefu.core.trust.server import Server, server_env

Log = Callable[[str], None]


class Dataset(Protocol):
    @property
    def manifest(self) -> Manifest: ...

    @property
    def env(self) -> dict[str, str]: ...


@dataclass
class Options:
    root: Path
    database: str = "sqlite"
    work_orders: int = 1_000_000
    duration: float = 20.0
    warmup: float = 5.0
    scenarios: list[str] = field(default_factory=lambda: [s.name for s in SCENARIOS])
    server_url: str = ""


@dataclass
class Phases:
    """Seconds each phase of the run took (dataset, server start, scenarios, floors …)."""

    seconds: dict[str, float] = field(default_factory=dict)
    last: float = field(default_factory=time.monotonic)

    def mark(self, name: str) -> None:
        now = time.monotonic()
        self.seconds[name] = round(now - self.last, 1)
        self.last = now


def postgres_url(options: Options, log: Log) -> str:
    """The PostgreSQL the dataset lives in: given, the running server's, or a private one."""
    given = os.environ.get("KEFU_BENCH_PG_URL", "")
    if not given and options.server_url:
        given = os.environ.get("KEFU_DATABASE_URL", "")
    if given:
        return given
    cluster = Cluster(options.root)
    url = cluster.ensure()
    log(f"PostgreSQL 15 at {url} ({cluster.data_dir}); stop it with kefu bench --stop-postgres")
    return url


def get_dataset(options: Options, log: Log) -> Dataset:
    from kefu.bench.dataset import ensure_dataset

    url = postgres_url(options, log) if options.database == "postgres" else ""
    options.root.mkdir(parents=True, exist_ok=True)
    dataset: Dataset = ensure_dataset(
        options.database, options.work_orders, root=options.root, postgres_url=url, log=log
    )
    return dataset


def dataset_env(dataset: Dataset) -> dict[str, str]:
    env = server_env(Path(dataset.env["KEFU_DATA_DIR"]), dataset.env.get("KEFU_DATABASE_URL", ""))
    return env | dataset.env


def missing_api_params(host: str, port: int, token: str) -> list[str]:
    """Query parameters of ``GET /api/v1/tickets`` the scenarios use but the API lacks."""
    answer = Connection(host, port, token=token).get(f"{API}/openapi.json")
    if not answer.ok:
        return ["q", "queue"]  # cannot tell: count them as missing rather than pass silently
    operation = answer.json().get("paths", {}).get(f"{API}/tickets", {}).get("get", {})
    declared = {p.get("name") for p in operation.get("parameters", [])}
    return [name for name in ("q", "queue") if name not in declared]


def run_scenarios(
    options: Options, plan: Plan, tokens: dict[str, str], password: str, base: str, log: Log
) -> dict[str, dict[str, Any]]:
    parsed = urllib.parse.urlsplit(base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    missing = missing_api_params(host, port, tokens[plan.agents[0]])
    if missing:
        log(f"the work order API lacks ?{', ?'.join(missing)}: those requests count as errors")
    results: dict[str, dict[str, Any]] = {}
    for name in options.scenarios:
        scenario = BY_NAME[name]
        lacking = [p for p in scenario.api_params if p in missing]
        log(f"{name}: {options.warmup:g} s warm-up, {options.duration:g} s measured")
        results[name] = drive(
            {"scenario": name, "host": host, "port": port, "plan": plan.__dict__,
             "tokens": tokens, "password": password, "warmup": options.warmup,
             "duration": options.duration, "missing_params": lacking}
        )  # fmt: skip
    return results


def run_bench(options: Options, log: Log, dataset: Dataset | None = None) -> dict[str, Any]:
    clock = Phases()
    dataset = dataset or get_dataset(options, log)
    clock.mark("dataset")
    manifest = dataset.manifest
    plan = Plan.of(manifest)
    env = dataset_env(dataset)
    tokens = dict(manifest.tokens)
    wanted = sorted(u for u in plan.users() if u not in tokens)
    tokens |= inside(env, "tokens", {"users": wanted}) if wanted else {}
    clock.mark("tokens")
    server: Server | None = None
    if options.server_url:
        base = options.server_url.rstrip("/")
    else:
        logs = options.root / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        server = Server(env=env, log_dir=logs, workers=2)
        log(f"starting gunicorn (2 workers) and the Huey consumer; logs in {logs}")
        server.start()
        base = server.base
        clock.mark("server_start")
    try:
        results = run_scenarios(options, plan, tokens, manifest.password, base, log)
        clock.mark("scenarios")
        master = server.web.pid if server is not None and server.web is not None else None
        port = urllib.parse.urlsplit(base).port or 80
        memory = worker_memory(gunicorn_workers(master, port))
    finally:
        if server is not None:
            server.stop()
            clock.mark("server_stop")
    log("measuring each scenario's SQL floor")
    budget = min(BUDGET_SECONDS, max(0.3, options.duration / 5))
    floors = inside(env, "floor", {"plan": plan.__dict__, "tokens": tokens,
                                   "scenarios": options.scenarios, "budget": budget})  # fmt: skip
    clock.mark("sql_floors")
    return {
        "database": manifest.database,
        "dataset": {
            **manifest.counts,
            "fingerprint": manifest.fingerprint,
            "seed_seconds": manifest.seed_seconds,
            "month": manifest.month,
            "data_dir": dataset.env["KEFU_DATA_DIR"],
        },
        "scenarios": {name: figures(results[name], floors.get(name)) for name in options.scenarios},
        "rss_mb_per_worker": memory,
        "server": options.server_url or "gunicorn --workers 2 --threads 4 + huey (kefu serve)",
        "created_work_orders": _created(results),
        "phase_seconds": clock.seconds,
    }


def _created(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    numbers = [n for r in results.values() for n in r["created"]]
    return {"count": len(numbers), "sample": numbers[:25] + numbers[25:][-25:]}
