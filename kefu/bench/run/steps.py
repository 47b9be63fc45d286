"""Workflow walk (流程推进) of ``transition_c8``: each client takes steps on its own work orders.

During warm-up a client opens consultations of its own and asks the API which steps it offers
from each state it meets; it keeps the first offered step it knows how to fill (answer, or
"still has questions" with a dissatisfied customer), which keeps a work order cycling without
ever closing. Measured requests are only the steps (``POST …/transitions``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kefu.bench.run.http import Answer, Connection
from kefu.bench.run.scenarios import API

TYPE = "consultation"
POOL = 6  # work orders per client
PREFERRED = ("answer", "still_questions", "defer")


def field_values() -> dict[str, str]:
    promised = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    return {
        "reply": "已为您核实，答复如下：请按说明书第三章操作。",
        "satisfaction": "dissatisfied",
        "promised_reply_at": promised.isoformat(),
    }


class Walker:
    """One client's work orders and the step it takes from each state."""

    def __init__(self, conn: Connection, customer_ids: list[int], client: int) -> None:
        self.conn = conn
        self.customer_ids = customer_ids
        self.client = client
        self.states: dict[str, str] = {}  # number → state
        self.step_from: dict[str, dict[str, Any]] = {}  # state → chosen step (code, fields)
        self.turn = 0

    def open_pool(self) -> None:
        for n in range(POOL):
            body = {
                "type": TYPE,
                "customer_id": self.customer_ids[(self.client * POOL + n) % len(self.customer_ids)],
                "channel": "phone",
                "title": f"压测流程 客户端{self.client}-{n}",
                "description": "压测：反复答复与追问。",
            }
            answer = self.conn.post_json(f"{API}/tickets", body)
            if not answer.ok:
                raise RuntimeError(f"could not open a work order: {answer.status} {answer.body!r}")
            data = answer.json()
            self.states[str(data["number"])] = str(data["state"])

    def learn(self, number: str, state: str) -> dict[str, Any]:
        """The step to take from ``state``: the first preferred one the API offers."""
        if state not in self.step_from:
            answer = self.conn.get(f"{API}/tickets/{number}/transitions")
            if not answer.ok:
                raise RuntimeError(f"no steps for {number}: {answer.status} {answer.body!r}")
            values = field_values()
            offered = {str(m["code"]): m for m in answer.json()}
            for code in PREFERRED:
                move = offered.get(code)
                if move is not None and all(f in values for f in move["required_fields"]):
                    fields = {f: values[f] for f in move["required_fields"]}
                    self.step_from[state] = {"transition": code, "fields": fields}
                    break
            else:
                raise RuntimeError(f"none of {PREFERRED} offered from {state}: {sorted(offered)}")
        return self.step_from[state]

    def next_step(self) -> tuple[str, dict[str, Any]]:
        """The work order to move next and the request body (learning the step if needed)."""
        numbers = sorted(self.states)
        number = numbers[self.turn % len(numbers)]
        self.turn += 1
        state = self.states[number]
        step = self.learn(number, state)
        return number, {**step, "expected_state": state}

    def take(self, number: str, body: dict[str, Any]) -> Answer:
        answer = self.conn.post_json(f"{API}/tickets/{number}/transitions", body)
        if answer.ok:
            self.states[number] = str(answer.json()["state"])
        return answer
