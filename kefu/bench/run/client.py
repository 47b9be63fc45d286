"""Bench load client (压测客户端): one scenario's clients as threads in a separate process.

Run as ``python -m kefu.bench.run.client CONFIG.json OUT.json``. Each client thread logs in
once per user it speaks as (token or console session, one keep-alive connection each), then
all clients warm up together and are measured together for ``duration`` seconds. Every
failed request counts as an error, warm-up included. The process's own CPU time over the
measured window is reported so a saturated client shows.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kefu.bench.run.http import Answer, Connection
from kefu.bench.run.scenarios import API, BY_NAME, Mode, Plan, Request, Scenario, identities
from kefu.bench.run.steps import Walker

MAX_REQUESTS_PER_CLIENT = 200_000
# A client goes on past the end until it has this many measured requests (a slow first
# request must not leave a scenario empty), but never longer than OVERTIME_SECONDS.
MIN_MEASURED = 3
OVERTIME_SECONDS = 60.0
ERROR_SAMPLES = 5


@dataclass
class Tally:
    """What one client saw."""

    latencies_ms: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.samples) < ERROR_SAMPLES:
            self.samples.append(text[:400])


@dataclass
class Clock:
    """When warm-up and measurement start and end (set once every client is ready)."""

    measure_from: float = 0.0
    stop_at: float = 0.0
    cpu_from: float = 0.0


class Client:
    def __init__(self, config: dict[str, Any], scenario: Scenario, number: int) -> None:
        self.config = config
        self.scenario = scenario
        self.number = number
        self.plan = Plan(**config["plan"])
        self.tally = Tally()
        self.conns: dict[tuple[Mode, str], Connection] = {}
        self.missing_params: list[str] = config.get("missing_params", [])

    def connect(self, mode: Mode, username: str) -> Connection:
        key = (mode, username)
        if key not in self.conns:
            host, port = self.config["host"], self.config["port"]
            if mode == "token":
                conn = Connection(host, port, token=self.config["tokens"][username])
            else:
                conn = Connection(host, port)
                conn.log_in(username, self.config["password"])
            self.conns[key] = conn
        return self.conns[key]

    def prepare(self) -> Walker | None:
        for mode, username in sorted(identities(self.scenario, self.plan, self.number, 64)):
            self.connect(mode, username)
        if self.scenario.build is not None:
            return None
        agent = next(iter(self.conns))[1]
        walker = Walker(self.connect("token", agent), self.plan.customer_ids, self.number)
        walker.open_pool()
        return walker

    def check(self, request: Request, answer: Answer) -> str:
        """Why this answer is an error ("" when it is not)."""
        if not answer.ok:
            where = f" → {answer.location}" if answer.location else ""
            return f"{request.method} {request.path}: HTTP {answer.status}{where} {answer.error}"
        if request.mode == "token" and request.path.startswith(API) and self.missing_params:
            return f"{request.path}: the API does not declare {', '.join(self.missing_params)}"
        if request.expect and request.expect.encode() not in answer.body:
            return f"{request.path}: the page does not show {request.expect!r}"
        return ""

    def one(self, i: int, walker: Walker | None) -> tuple[float, str]:
        """Send the ``i``-th request: seconds it took and why it failed ("" when it did not)."""
        if walker is not None:
            number, body = walker.next_step()
            started = time.perf_counter()
            answer = walker.take(number, body)
            took = time.perf_counter() - started
            step = Request("POST", f"{API}/tickets/{number}/transitions", "token", "", body)
            return took, self.check(step, answer)
        assert self.scenario.build is not None  # only the workflow walk has no builder
        request = self.scenario.build(self.plan, self.number, i, self.scenario.clients)
        conn = self.connect(request.mode, request.username)
        started = time.perf_counter()
        if request.method == "POST":
            answer = conn.post_json(request.path, request.body)
        else:
            answer = conn.get(request.path)
        took = time.perf_counter() - started
        problem = self.check(request, answer)
        if not problem and request.method == "POST" and request.path == f"{API}/tickets":
            self.tally.created.append(str(answer.json()["number"]))
        return took, problem

    def going(self, clock: Clock) -> bool:
        now = time.monotonic()
        if now < clock.stop_at:
            return True
        return self.tally.requests < MIN_MEASURED and now < clock.stop_at + OVERTIME_SECONDS

    def run(self, ready: threading.Barrier, clock: Clock) -> None:
        try:
            walker = self.prepare()
        except Exception as exc:  # a client that cannot start: all its work is an error
            self.tally.error(f"client {self.number} could not start: {exc}")
            ready.abort()
            return
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return  # another client could not start; its error says why
        i = 0
        while self.going(clock) and i < MAX_REQUESTS_PER_CLIENT:
            began = time.monotonic()
            i += 1
            try:
                took, problem = self.one(i - 1, walker)
            except Exception as exc:  # a broken answer (bad JSON …) is an error, not a crash
                self.tally.error(f"{type(exc).__name__}: {exc}")
                continue
            if problem:
                self.tally.error(problem)
            if began >= clock.measure_from:
                self.tally.requests += 1
                self.tally.latencies_ms.append(took * 1000)
        for conn in self.conns.values():
            conn.close()


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def run(config: dict[str, Any]) -> dict[str, Any]:
    scenario = BY_NAME[config["scenario"]]
    clients = [Client(config, scenario, k) for k in range(scenario.clients)]
    clock = Clock()
    marks: dict[str, float] = {}

    def start() -> None:
        now = time.monotonic()
        clock.measure_from = now + config["warmup"]
        clock.stop_at = clock.measure_from + config["duration"]

    ready = threading.Barrier(len(clients), action=start)
    threads = [threading.Thread(target=c.run, args=(ready, clock)) for c in clients]
    for thread in threads:
        thread.start()
    # Take the CPU reading when measurement begins, and again when it ends.
    while clock.measure_from == 0.0 and any(t.is_alive() for t in threads):
        time.sleep(0.005)
    if clock.measure_from:
        time.sleep(max(0.0, clock.measure_from - time.monotonic()))
        marks["cpu"], marks["wall"] = cpu_seconds(), time.monotonic()
    for thread in threads:
        thread.join()
    cpu = cpu_seconds() - marks.get("cpu", cpu_seconds())
    wall = time.monotonic() - marks.get("wall", time.monotonic())
    return {
        "scenario": scenario.name,
        "clients": scenario.clients,
        "latencies_ms": [x for c in clients for x in c.tally.latencies_ms],
        "requests": sum(c.tally.requests for c in clients),
        "errors": sum(c.tally.errors for c in clients),
        "error_samples": [s for c in clients for s in c.tally.samples][:ERROR_SAMPLES],
        "created": [n for c in clients for n in c.tally.created],
        "seconds": wall,
        "client_cpu_seconds": cpu,
    }


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    result = run(config)
    Path(argv[2]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
