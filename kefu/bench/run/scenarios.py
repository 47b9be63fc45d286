"""Bench scenarios (压测场景): what each named scenario asks, as whom. Pure (no Django).

A scenario is a number of clients and a function that gives client ``k``'s ``i``-th request.
Values rotate through the manifest's lists (client and step shift the start), so no two
consecutive requests ask for the same thing; users do not (a client logs in once), except
the supervisors of ``queue_list``, whose team is the value. Read scenarios that have both a
console page and an API alternate between the two. ``transition_c8`` is stateful (``steps``).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from kefu.bench.manifest import Manifest

API = "/api/v1"
Mode = Literal["token", "session"]
T = TypeVar("T")
# A client logs in once per user it speaks as: one agent or manager; for a team's queue it
# reads a few supervisors' teams in turn, so the queue is not always the same one.
TEAMS_PER_CLIENT = 3


@dataclass(frozen=True)
class Request:
    """One request of a scenario, sent as ``username`` with a token or a console session."""

    method: str
    path: str
    mode: Mode
    username: str
    body: dict[str, Any] | None = None
    # The console page must hold this (a search form that took the query), else it is an error.
    expect: str = ""


@dataclass(frozen=True)
class Plan:
    """What the clients need from the manifest (JSON-friendly, sent to the client process)."""

    agents: list[str]
    supervisors: list[str]
    managers: list[str]
    phone_last4: list[str]
    customer_ids: list[int]
    words_zh2: list[str]
    words_zh3: list[str]
    words_kb: list[str]
    month: str

    @classmethod
    def of(cls, manifest: Manifest) -> Plan:
        users = manifest.users
        supervisors = [u for u in users.get("supervisor", []) if u in manifest.team_of]
        managers = users.get("manager", []) or users.get("admin", [])
        return cls(
            agents=users.get("agent", []),
            supervisors=supervisors or users.get("supervisor", []),
            managers=managers,
            phone_last4=manifest.phone_last4,
            customer_ids=manifest.customer_ids,
            words_zh2=manifest.words_zh2,
            words_zh3=manifest.words_zh3,
            words_kb=manifest.words_kb,
            month=manifest.month,
        )

    def users(self) -> set[str]:
        return {*self.agents, *self.supervisors, *self.managers}


def pick(values: list[T], client: int, i: int, clients: int) -> T:
    """Client ``client``'s ``i``-th value: the clients interleave over the list."""
    if not values:
        raise ValueError("the manifest has no values for this scenario")
    return values[(client + i * clients) % len(values)]


def own(users: list[str], client: int) -> str:
    """The one user client ``client`` speaks as (it logs in once)."""
    return pick(users, client, 0, 1)


def month_range(month: str) -> tuple[str, str]:
    start = dt.date.fromisoformat(f"{month}-01")
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start.isoformat(), end.isoformat()


Builder = Callable[[Plan, int, int, int], Request]


def _create(plan: Plan, k: int, i: int, n: int) -> Request:
    kind = ("consultation", "complaint")[i % 2]
    body = {
        "type": kind,
        "customer_id": pick(plan.customer_ids, k, i, n),
        "channel": "phone",
        "title": f"压测来电 客户{k}-{i} {pick(plan.words_zh2, k, i, n)}",
        "description": f"客户来电反映{pick(plan.words_zh3, k, i, n)}问题，请尽快处理。",
    }
    return Request("POST", f"{API}/tickets", "token", own(plan.agents, k), body)


def _queue_list(plan: Plan, k: int, i: int, n: int) -> Request:
    supervisor = pick(plan.supervisors, k, (i // 2) % TEAMS_PER_CLIENT, n)
    if i % 2 == 0:
        return Request("GET", "/work-orders/queue/team/", "session", supervisor)
    return Request("GET", f"{API}/tickets?queue=team", "token", supervisor)


def _customer_lookup(plan: Plan, k: int, i: int, n: int) -> Request:
    digits = pick(plan.phone_last4, k, i // 2, n)
    agent = own(plan.agents, k)
    if i % 2 == 0:
        return Request("GET", f"/work-orders/new/customers/?customer_q={digits}", "session", agent)
    return Request("GET", f"{API}/customers?q={digits}", "token", agent)


def _search(words: Callable[[Plan], list[str]]) -> Builder:
    def build(plan: Plan, k: int, i: int, n: int) -> Request:
        word = pick(words(plan), k, i // 2, n)
        quoted = urllib.parse.quote(word)
        agent = own(plan.agents, k)
        if i % 2 == 0:
            return Request("GET", f"/work-orders/?q={quoted}", "session", agent, expect=word)
        return Request("GET", f"{API}/tickets?q={quoted}", "token", agent)

    return build


def _kb_search(plan: Plan, k: int, i: int, n: int) -> Request:
    word = urllib.parse.quote(pick(plan.words_kb, k, i, n))
    return Request("GET", f"{API}/kb/articles?q={word}", "token", own(plan.agents, k))


def _kpi_month(plan: Plan, k: int, i: int, n: int) -> Request:
    start, end = month_range(plan.month)
    path = f"{API}/reports/kpis?from={start}&to={end}&group_by=team"
    return Request("GET", path, "token", own(plan.managers, k))


def _dashboard_month(plan: Plan, k: int, i: int, n: int) -> Request:
    path = f"/reports/month/?month={plan.month}"
    return Request("GET", path, "session", own(plan.managers, k))


def _customer_timeline(plan: Plan, k: int, i: int, n: int) -> Request:
    customer = pick(plan.customer_ids, k, i, n)
    return Request("GET", f"/customers/{customer}/", "session", own(plan.agents, k))


@dataclass(frozen=True)
class Scenario:
    name: str
    clients: int
    build: Builder | None  # None: the stateful workflow walk (``steps``)
    # Query parameters the API endpoint must declare (else every API request is an error).
    api_params: tuple[str, ...] = ()


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("create_c1", 1, _create),
    Scenario("create_c8", 8, _create),
    Scenario("transition_c8", 8, None),
    Scenario("queue_list_c1", 1, _queue_list, ("queue",)),
    Scenario("queue_list_c8", 8, _queue_list, ("queue",)),
    Scenario("customer_lookup", 1, _customer_lookup),
    Scenario("search_zh2", 1, _search(lambda p: p.words_zh2), ("q",)),
    Scenario("search_zh3", 1, _search(lambda p: p.words_zh3), ("q",)),
    Scenario("kb_search", 1, _kb_search),
    Scenario("kpi_month", 1, _kpi_month),
    Scenario("dashboard_month", 1, _dashboard_month),
    Scenario("customer_timeline", 1, _customer_timeline),
)
BY_NAME = {s.name: s for s in SCENARIOS}


def identities(scenario: Scenario, plan: Plan, client: int, count: int) -> set[tuple[Mode, str]]:
    """Every (mode, user) client ``client`` will use in its first ``count`` requests."""
    if scenario.build is None:
        return {("token", own(plan.agents, client))}
    return {
        (r.mode, r.username)
        for r in (scenario.build(plan, client, i, scenario.clients) for i in range(count))
    }
