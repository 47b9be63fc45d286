"""One soak client (稳定性测试客户端): mixed requests at a fixed pace until a deadline.

Run as ``python -m kefu.core.trust.soak_client CONFIG.json``; writes a JSON summary to
``CONFIG["out"]``. Mix: open work orders, take their first steps, list work orders, look
customers up, read the KPI table (API, bearer token), and open console pages (session login).
"""

from __future__ import annotations

import http.cookiejar
import json
import random
import re
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kefu.core.trust.http import Reply, call

API = "/api/v1"
PAGES = ("/", "/work-orders/", "/customers/", "/kpis/")
LOGGED_OUT = 0  # a console page answered with the login form instead


class Console:
    """A logged-in browser session (cookies, CSRF) for console pages."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = self.opener.open(base + "/login/", timeout=30).read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = {"username": username, "password": password,
                "csrfmiddlewaretoken": found.group(1) if found else ""}  # fmt: skip
        self.opener.open(base + "/login/", urllib.parse.urlencode(form).encode(), timeout=30)

    def get(self, path: str) -> int | None:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                response.read()
                if "/login/" in response.geturl():
                    return LOGGED_OUT  # sent back to the login page: the session is gone
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except OSError:
            return None


def run(config: dict[str, Any]) -> dict[str, Any]:
    base, token = config["base"], config["token"]
    rng = random.Random(config["client"])
    pace = 1.0 / config["rate"]
    stop_at = time.time() + config["seconds"]
    console = Console(base, config["username"], config["password"])
    statuses: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    open_numbers: list[str] = []
    customer = call(base, "POST", f"{API}/customers", token=token, body={
        "name": f"稳定性客户{config['client']}",
        "phone": f"139{rng.randrange(10**8):08d}"})  # fmt: skip
    customer_id = customer.body["id"] if customer.ok else None
    today = datetime.now(UTC).date()
    n = 0
    next_at = time.monotonic()
    while time.time() < stop_at:
        n += 1
        pick = rng.random()
        op: str
        status: int | None
        if pick < 0.2 and customer_id:
            op = "create"
            reply = call(base, "POST", f"{API}/tickets", token=token, body={
                "type": "complaint", "customer_id": customer_id, "channel": "phone",
                "title": f"稳定性 c{config['client']} n{n}"})  # fmt: skip
            if reply.ok:
                open_numbers.append(str(reply.body["number"]))
            status = reply.status
        elif pick < 0.35 and open_numbers:
            op = "transition"
            reply = _step(base, token, open_numbers.pop(0), config["department"])
            status = reply.status
        elif pick < 0.6:
            op = "list"
            status = call(base, "GET", f"{API}/tickets?limit=25", token=token).status
        elif pick < 0.8:
            op = "customer lookup"
            q = rng.choice(["张", "李", "王", "138", "1390", "陈"])
            status = call(base, "GET", f"{API}/customers?q={urllib.parse.quote(q)}",
                          token=token).status  # fmt: skip
        elif pick < 0.9:
            op = "kpis"
            span = f"from={today - timedelta(days=30)}&to={today + timedelta(days=1)}"
            status = call(base, "GET", f"{API}/reports/kpis?{span}", token=token).status
        else:
            op = "page"
            status = console.get(rng.choice(PAGES))
        statuses[f"{op} {status}"] += 1
        if status is None or status == LOGGED_OUT or status >= 500:
            errors.append({"op": op, "status": status, "at": time.time()})
        next_at += pace
        time.sleep(max(0.0, next_at - time.monotonic()))
    return {"statuses": dict(statuses), "errors": errors[:20], "error_count": len(errors),
            "requests": n}  # fmt: skip


def _step(base: str, token: str, number: str, department: int) -> Reply:
    reply = call(base, "POST", f"{API}/tickets/{number}/transitions", token=token,
                 body={"transition": "classify", "fields": {"category": "服务态度"}})  # fmt: skip
    if not reply.ok:
        return reply
    due = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    return call(base, "POST", f"{API}/tickets/{number}/transitions", token=token, body={
        "transition": "forward", "fields": {"responsible_department": department,
        "requested_action": "调查处理", "reply_due_at": due}})  # fmt: skip


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text())
    Path(config["out"]).write_text(json.dumps(run(config), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
