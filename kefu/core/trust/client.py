"""One load client (压测客户端): opens work orders and walks them over HTTP, logging all.

Run as ``python -m kefu.core.trust.client CONFIG.json``. Every request is logged before it is
sent and its answer after (JSON lines, flushed at once), so the checker knows exactly which
writes the server acknowledged. A request that gets no HTTP answer (the server was killed)
is never repeated blindly: a creation is retried under a new title, a transition after
reading the work order's state back, a survey invitation (with ``invite``: one email per
forwarded work order) is sent again, which the server refuses when the first was stored.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from kefu.core.trust.http import Reply, call

API = "/api/v1"
# The complaint workflow's first steps: (transition, target state, fields).
CATEGORY = "服务态度"
GIVE_UP_SECONDS = 180.0  # without any answer from the server this long, the client stops


class Client:
    def __init__(self, config: dict[str, Any], log: IO[str]) -> None:
        self.base: str = config["base"]
        self.token: str = config["token"]
        self.client_no: int = config["client"]
        self.each: int = config["each"]
        self.tag: str = config["tag"]
        self.department: int = config["department"]
        self.invite: bool = bool(config.get("invite"))
        self.log = log
        self.rng = random.Random(f"{self.tag}-{self.client_no}")

    def write(self, record: dict[str, Any]) -> None:
        record["t"] = round(time.time(), 3)
        self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.log.flush()

    def send(self, op: str, method: str, path: str, body: Any = None, **extra: Any) -> Reply:
        self.write({"op": op, "sent": True, **extra})
        reply = call(self.base, method, path, token=self.token, body=body)
        answer: dict[str, Any] = {"op": op, "status": reply.status, **extra}
        if reply.error:
            answer["error"] = reply.error
        if isinstance(reply.body, dict):
            for key in ("number", "state", "id"):
                if key in reply.body:
                    answer[key] = reply.body[key]
            if not reply.ok and "error" in reply.body:
                answer["detail"] = reply.body["error"]
                if isinstance(reply.body["error"], dict):
                    answer["code"] = reply.body["error"].get("code")
        elif reply.status is not None and not reply.ok:
            answer["detail"] = str(reply.body)[:300]
        self.write(answer)
        return reply

    def until_answered(self, attempt: Any) -> Reply:
        """Repeat a read-only or idempotent request until the server answers."""
        started = time.monotonic()
        while True:
            reply: Reply = attempt()
            if reply.status is not None:
                return reply
            if time.monotonic() - started > GIVE_UP_SECONDS:
                raise SystemExit(f"client {self.client_no}: server gone: {reply.error}")
            time.sleep(0.3)

    def customer(self, k: int) -> int:
        phone = f"139{self.rng.randrange(10**8):08d}"
        while True:
            reply = self.send(
                "customer",
                "POST",
                f"{API}/customers",
                {
                    "name": f"压测客户{self.client_no}-{k}",
                    "phone": phone,
                    "email": f"trust-{self.client_no}-{k}@example.com",
                },
                k=k,
            )
            if reply.ok:
                return int(reply.body["id"])
            if reply.status is None:
                self.until_answered(lambda: call(self.base, "GET", "/login/"))
            else:
                raise SystemExit(f"client {self.client_no}: customer refused: {reply.body}")

    def create(self, seq: int, customer_id: int) -> str | None:
        title = f"{self.tag} c{self.client_no} n{seq}"
        body = {
            "type": "complaint",
            "customer_id": customer_id,
            "channel": "phone",
            "title": title,
            "description": "kefu trust load",
        }
        reply = self.send("create", "POST", f"{API}/tickets", body, seq=seq, title=title)
        if reply.ok:
            return str(reply.body["number"])
        if reply.status is None:  # unknown outcome: wait for the server, then a new title
            self.until_answered(lambda: call(self.base, "GET", "/login/"))
        return None

    def walk(self, number: str) -> None:
        due = (datetime.now(UTC) + timedelta(days=3)).isoformat()
        steps = [
            ("classify", "received", "classified", {"category": CATEGORY}),
            (
                "forward",
                "classified",
                "forwarded",
                {
                    "responsible_department": self.department,
                    "requested_action": "调查处理",
                    "reply_due_at": due,
                },
            ),
        ]
        state = "received"
        for transition, source, target, fields in steps:
            if state != source:
                continue
            reply = self.send(
                "transition",
                "POST",
                f"{API}/tickets/{number}/transitions",
                {"transition": transition, "fields": fields, "expected_state": source},
                number=number,
                transition=transition,
                target=target,
            )
            if reply.ok:
                state = str(reply.body["state"])
            elif reply.status is None:
                state = self.sync(number)
            else:
                return  # refused (logged); the checker counts it

    def survey(self, number: str) -> None:
        """Send the work order's satisfaction survey by email: one email job per work order.
        Without an answer it is sent again once the server is back; 409 ``survey_waiting``
        then says the first one was stored (the checker counts it as acknowledged)."""
        while True:
            body = {"ticket": number, "channel": "email"}
            reply = self.send("invite", "POST", f"{API}/surveys/invitations", body, number=number)
            if reply.status is not None:
                return
            self.until_answered(lambda: call(self.base, "GET", "/login/"))

    def sync(self, number: str) -> str:
        """Read a work order's state back after a request without answer."""
        while True:
            reply = self.until_answered(
                lambda: call(self.base, "GET", f"{API}/tickets/{number}", token=self.token)
            )
            self.write({"op": "sync", "status": reply.status, "number": number,
                        "state": reply.body.get("state") if isinstance(reply.body, dict)
                        else None})  # fmt: skip
            if reply.ok:
                return str(reply.body["state"])
            time.sleep(0.3)

    def run(self) -> None:
        customers = [self.customer(k) for k in range(3)]
        acknowledged = 0
        seq = 0
        while acknowledged < self.each:
            seq += 1
            number = self.create(seq, customers[seq % len(customers)])
            if number is None:
                continue
            acknowledged += 1
            self.walk(number)
            if self.invite:
                self.survey(number)
        self.write({"op": "done", "acknowledged": acknowledged, "attempts": seq})


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text())
    with Path(config["log"]).open("a", encoding="utf-8") as log:
        Client(config, log).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
