"""SQL capture (SQL 捕获): one scenario's requests through Django's test client, statements kept.

Used by ``kefu.bench.run.floor`` inside a process configured on the dataset's database.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Generator
from typing import Any

from django.db import connection, transaction
from django.test import Client

from kefu.accounts.models import User
from kefu.bench.run.floor import SAMPLES, Statement, for_driver, is_control, median_ms
from kefu.bench.run.scenarios import API, BY_NAME, Plan, Request, Scenario
from kefu.bench.run.steps import PREFERRED, TYPE, field_values


class Rollback(Exception):
    """Raised to leave a savepoint without keeping what happened in it."""


def rolled_back(work: Callable[[], float]) -> float:
    """Run ``work`` inside a savepoint that is rolled back; its return value."""
    outcome: list[float] = []
    with contextlib.suppress(Rollback), transaction.atomic():
        outcome.append(work())
        raise Rollback
    return outcome[0]


@contextlib.contextmanager
def recording() -> Generator[list[Statement]]:
    statements: list[Statement] = []

    def keep(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not is_control(sql):
            kept = [tuple(p) for p in params] if many else params
            statements.append((sql, kept, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        yield statements


class Browser:
    """Django's test client speaking as users, by token or session."""

    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens
        self.clients: dict[tuple[str, str], Client] = {}

    def client(self, mode: str, username: str) -> Client:
        if (mode, username) not in self.clients:
            client = Client(HTTP_HOST="127.0.0.1")
            if mode == "session":
                client.force_login(User.objects.get(username=username))
            self.clients[(mode, username)] = client
        return self.clients[(mode, username)]

    def auth(self, mode: str, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"} if mode == "token" else {}

    def send(self, request: Request) -> int:
        client = self.client(request.mode, request.username)
        headers = self.auth(request.mode, request.username)
        if request.method == "POST":
            body = json.dumps(request.body, ensure_ascii=False)
            response = client.post(
                request.path, body, content_type="application/json", headers=headers
            )
        else:
            response = client.get(request.path, headers=headers)
        return int(response.status_code)


def transition_request(browser: Browser, plan: Plan) -> Request:
    """Open a consultation (not recorded) and give the first step ``transition_c8`` takes."""
    agent = plan.agents[0]
    client = browser.client("token", agent)
    auth = browser.auth("token", agent)
    body = {"type": TYPE, "customer_id": plan.customer_ids[0], "channel": "phone",
            "title": "压测流程（下限）", "description": "压测"}  # fmt: skip
    opened = client.post(f"{API}/tickets", json.dumps(body), "application/json", headers=auth)
    number = opened.json()["number"]
    moves = client.get(f"{API}/tickets/{number}/transitions", headers=auth).json()
    offered = {m["code"]: m for m in moves}
    code = next(c for c in PREFERRED if c in offered)
    values = field_values()
    fields = {f: values[f] for f in offered[code]["required_fields"]}
    step = {"transition": code, "fields": fields, "expected_state": opened.json()["state"]}
    return Request("POST", f"{API}/tickets/{number}/transitions", "token", agent, step)


def samples_of(scenario: Scenario, plan: Plan, browser: Browser) -> list[Request]:
    if scenario.build is None:
        return [transition_request(browser, plan)]
    return [scenario.build(plan, 0, i, scenario.clients) for i in range(SAMPLES)]


def measure(scenario: Scenario, plan: Plan, browser: Browser, budget: float) -> dict[str, Any]:
    captured: list[list[Statement]] = []
    statuses: list[int] = []
    requests = samples_of(scenario, plan, browser)
    for request in requests:  # log in before recording: a login is not the scenario's SQL
        browser.client(request.mode, request.username)
    for request in requests:
        with recording() as statements:
            statuses.append(int(rolled_back(lambda r=request: float(browser.send(r)))))  # type: ignore[misc]
        captured.append(for_driver(statements, connection.vendor))
    if any(not 200 <= status < 300 for status in statuses):
        return {"sql_ms": None, "queries": [len(s) for s in captured], "statuses": statuses}
    sql_ms = median_ms(captured, rolled_back, budget)
    return {
        "sql_ms": round(sql_ms, 3),
        "queries": [len(s) for s in captured],
        "statuses": statuses,
    }


def measure_all(config: dict[str, Any]) -> dict[str, Any]:
    plan = Plan(**config["plan"])
    found: dict[str, Any] = {}
    with contextlib.suppress(Rollback), transaction.atomic():
        browser = Browser(config["tokens"])
        for name in config["scenarios"]:
            started = time.monotonic()
            try:
                with transaction.atomic():  # a failing scenario leaves the others intact
                    found[name] = measure(BY_NAME[name], plan, browser, config["budget"])
            except Exception as exc:  # reported, not hidden: its sql_ms stays empty
                found[name] = {"sql_ms": None, "queries": None, "statuses": [], "error": repr(exc)}
            found[name]["seconds"] = round(time.monotonic() - started, 2)
        raise Rollback  # nothing the floor did stays
    return found
