"""The production topology (生产拓扑) on one machine, started by ``scripts/topology``.

PostgreSQL 15, Redis, two gunicorn web processes behind nginx and two Huey consumers on
Redis, all on 127.0.0.1 in a temporary directory. Slow (about three minutes: the deadline
watcher runs once a minute) and it installs redis-server and nginx when they are missing, so
it runs only when asked for:

    KEFU_DATA_DIR=/tmp/kefu-topo-data .venv/bin/pytest -p no:xdist -m topology \
        kefu/core/tests/test_topology.py
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

pytestmark = pytest.mark.topology

REPO = Path(settings.BASE_DIR).parent
SCRIPT = REPO / "scripts" / "topology"
# Settings of the test run that must not reach the topology's processes.
NOT_INHERITED = (
    "KEFU_DATABASE_URL",
    "KEFU_REDIS_URL",
    "KEFU_DATA_DIR",
    "KEFU_STATIC_ROOT",
    "KEFU_TEST_DATABASE",
    "KEFU_TASKS_IMMEDIATE",
    "KEFU_TASKS_FILE",
    "KEFU_WEB_WORKERS",
    "KEFU_TOPOLOGY_DIR",
)
PASSWORD = "kefu-topology-pass-1"
SUPERVISOR_EMAIL = "topology-supervisor@example.test"
WATCH_TIMEOUT = 150.0  # the watcher runs at the top of every minute


@dataclass
class Topology:
    """A running topology: its directory, ports, the settings ``env`` printed, timings."""

    dir: Path
    url: str
    ports: dict[str, int]
    script_env: dict[str, str]
    kefu_env: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def script(self, action: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), "--dir", str(self.dir), *extra, action],
            env=self.script_env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def kefu(self, *args: str) -> str:
        """Run ``kefu ARGS`` against the topology's database and queue; its stdout."""
        done = subprocess.run(
            [sys.executable, "-m", "kefu.cli", *args],
            env=self.kefu_env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"kefu {' '.join(args)}:\n{done.stderr[-3000:]}"
        return done.stdout

    def python(self, code: str) -> Any:
        """Run ``code`` in ``kefu shell`` with the topology's settings; the JSON it prints."""
        out = self.kefu("shell", "--no-imports", "-c", code)
        return json.loads(out.strip().splitlines()[-1])

    def log(self, name: str) -> str:
        path = self.dir / "logs" / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _pids(directory: Path) -> dict[str, int]:
    """Every process the topology recorded: run/*.pid and PostgreSQL's postmaster.pid."""
    pids = {p.stem: int(p.read_text().split()[0]) for p in (directory / "run").glob("*.pid")}
    postmaster = directory / "postgres" / "postmaster.pid"
    if postmaster.exists():
        pids["postgresql"] = int(postmaster.read_text().split()[0])
    return pids


def _parse_exports(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        words = shlex.split(line)
        assert words[0] == "export", line
        name, _, value = words[1].partition("=")
        values[name] = value
    return values


def _request(url: str, *, token: str = "", body: dict[str, Any] | None = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            status = int(response.status)
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode(errors="replace")


def _executions(topology: Topology, task: str) -> Counter[str]:
    """Task id → how many times a consumer started it, over both consumers' logs."""
    return Counter(task_id for _minute, task_id in _runs(topology, task))


def _runs(topology: Topology, task: str) -> list[tuple[str, str]]:
    """(minute, task id) of every start of ``task`` on either consumer, counted from the
    Django log format of settings.LOGGING ("2026-11-23 10:00:01,234 INFO huey Executing …")."""
    pattern = re.compile(
        rf"^(\S+ \d\d:\d\d):\S+ INFO huey Executing \S*{re.escape(task)}: (\S+)$", re.M
    )
    runs: list[tuple[str, str]] = []
    for n in (1, 2):
        runs += pattern.findall(topology.log(f"huey-{n}.log"))
    return runs


def _text(message: Any) -> str:
    """The decoded text parts of an email."""
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(
                part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            )
    return "\n".join(parts)


def _wait(what: str, predicate: Any, timeout: float) -> Any:
    until = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < until, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(1.0)


@pytest.fixture
def topology(request: pytest.FixtureRequest, smtp_server: Any) -> Iterator[Topology]:
    if "topology" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("slow, installs packages: run with -m topology")
    # PostgreSQL runs as the postgres user when we are root: it must reach the directory.
    directory = Path(tempfile.mkdtemp(prefix="kefu-topology-test-"))
    directory.chmod(0o755)
    nginx, web_1, web_2, pg, redis = _free_ports(5)
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env |= {"KEFU_EMAIL_HOST": smtp_server.host, "KEFU_EMAIL_PORT": str(smtp_server.port)}
    collected = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if collected.exists():  # reuse scripts/setup's collected files (compressing takes a minute)
        env["KEFU_STATIC_ROOT"] = str(settings.STATIC_ROOT)
    topology = Topology(
        dir=directory,
        url=f"http://127.0.0.1:{nginx}",
        ports={"nginx": nginx, "web-1": web_1, "web-2": web_2, "postgresql": pg, "redis": redis},
        script_env=env,
    )
    ports = ["--port", str(nginx), "--web-ports", f"{web_1},{web_2}"]
    ports += ["--pg-port", str(pg), "--redis-port", str(redis)]
    started = time.monotonic()
    done = topology.script("start", *ports)
    topology.timings["start"] = time.monotonic() - started
    pids: dict[str, int] = {}
    try:
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"Kefu answers at {topology.url}/" in done.stdout
        pids = _pids(directory)
        yield topology
    finally:
        pids |= _pids(directory)
        started = time.monotonic()
        stopped = topology.script("stop")
        topology.timings["stop"] = time.monotonic() - started
        timings = {k: round(v, 1) for k, v in topology.timings.items()}
        sys.stdout.write(f"topology timings (s): {json.dumps(timings)}\n")
        left = {name: port for name, port in topology.ports.items() if _listening(port)}
        alive = {name: pid for name, pid in pids.items() if _alive(pid)}
        if not left and not alive:
            shutil.rmtree(directory, ignore_errors=True)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert not left, f"still listening after stop: {left}"
        assert not alive, f"still running after stop: {alive}"
        assert not list((directory / "run").glob("*.pid"))


def test_topology_serves_through_nginx_from_both_web_processes_and_runs_jobs_once(
    topology: Topology, smtp_server: Any
) -> None:
    # Starting again is a no-op that says so; status sees all seven processes.
    started = time.monotonic()
    again = topology.script("start")
    topology.timings["start_again"] = time.monotonic() - started
    assert again.returncode == 0, again.stderr
    assert "already running" in again.stdout
    status = topology.script("status")
    assert status.returncode == 0, status.stdout
    assert "7 of 7 running" in status.stdout

    # `env` hands kefu commands the same database, queue and data directory.
    exports = _parse_exports(topology.script("env").stdout)
    assert exports["KEFU_DATABASE_URL"].endswith(f"@127.0.0.1:{topology.ports['postgresql']}/kefu")
    assert exports["KEFU_REDIS_URL"] == f"redis://127.0.0.1:{topology.ports['redis']}/0"
    assert exports["KEFU_DATA_DIR"] == str(topology.dir / "data")
    topology.kefu_env = topology.script_env | exports | {"DJANGO_SETTINGS_MODULE": "kefu.settings"}

    topology.kefu("createuser", "topo-agent", "--role", "agent", "--password", PASSWORD)
    token = topology.kefu("token", "create", "topo-agent").strip()
    topology.kefu(
        "createuser", "topo-sup", "--role", "supervisor", "--password", PASSWORD,
        "--email", SUPERVISOR_EMAIL,
    )  # fmt: skip

    # A work order created through nginx with an API token; a request without one is refused.
    new = {
        "type": "complaint",
        "channel": "phone",
        "title": "拓扑验证工单",
        "customer": {"name": "张三", "phone": "13800138000"},
    }
    status_code, refused = _request(f"{topology.url}/api/v1/tickets", body=new)
    assert status_code == 401, refused
    status_code, created = _request(f"{topology.url}/api/v1/tickets", token=token, body=new)
    assert status_code == 201, created
    number = created["number"]
    stored = topology.python(
        "import json; from kefu.tickets.models import Ticket; "
        f"t = Ticket.objects.get(number={number!r}); "
        "print(json.dumps([t.title, t.customer.name, Ticket.objects.count()]))"
    )
    assert stored == ["拓扑验证工单", "张三", 1]

    # Both web processes serve: nginx's log names the upstream of every request.
    for _ in range(20):
        status_code, read = _request(f"{topology.url}/api/v1/tickets/{number}", token=token)
        assert status_code == 200
        assert read["number"] == number
    reads = [
        line
        for line in topology.log("nginx-access.log").splitlines()
        if f"/tickets/{number} " in line
    ]
    assert len(reads) == 20
    upstreams = Counter(re.findall(r"upstream=(\S+)", "\n".join(reads)))
    for name in ("web-1", "web-2"):
        assert upstreams[f"127.0.0.1:{topology.ports[name]}"] >= 3, upstreams

    # Static files come from nginx itself (no upstream), with the collected hashed names.
    status_code, page = _request(f"{topology.url}/login/")
    assert status_code == 200
    css = re.search(r'/static/[^"]+\.css', page)
    assert css, page[:500]
    status_code, _ = _request(f"{topology.url}{css.group(0)}")
    assert status_code == 200
    static_lines = [
        line for line in topology.log("nginx-access.log").splitlines() if css.group(0) in line
    ]
    assert not static_lines or all("upstream=-" in line for line in static_lines)
    assert css.group(0) not in topology.log("web-1.log") + topology.log("web-2.log")

    # Queued jobs go through Redis: each one runs exactly once, on one of the two consumers.
    ids = topology.python(
        "import json; from kefu.customers.tasks import recompute_grades_soon; "
        "print(json.dumps([recompute_grades_soon().id for _ in range(8)]))"
    )
    assert len(set(ids)) == 8

    def all_ran() -> Counter[str] | None:
        runs = _executions(topology, "recompute_grades_soon")
        return runs if set(ids) <= set(runs) else None

    executed = _wait("the queued jobs", all_ran, 60)
    assert all(executed[task_id] == 1 for task_id in ids), executed

    # The periodic deadline watcher (scheduled by consumer 1 only) escalates an overdue
    # deadline once and the supervisor gets one email, however many consumers there are.
    expired = json.loads(topology.kefu("trust", "_expire", number))
    assert expired["expired"] == 1
    escalations_code = (
        "import json; from kefu.tickets.models import TicketEvent; "
        f"print(json.dumps([e.data for e in TicketEvent.objects.filter("
        f"ticket__number={number!r}, kind='escalation')]))"
    )
    escalations = _wait("the escalation", lambda: topology.python(escalations_code), WATCH_TIMEOUT)
    assert escalations[0]["notified"] == ["topo-sup"]
    # Let the watcher run once more after the escalation: it must not escalate again.
    watched = sum(_executions(topology, "deadlines.watch").values())
    _wait(
        "another watcher run",
        lambda: sum(_executions(topology, "deadlines.watch").values()) > watched,
        WATCH_TIMEOUT,
    )
    time.sleep(2.0)
    assert topology.python(escalations_code) == escalations
    assert len(escalations) == 1
    mails = smtp_server.to(SUPERVISOR_EMAIL)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    assert number in _text(mails[0])

    # Each periodic job is scheduled once a minute (by consumer 1), not once per consumer,
    # and both consumers took work from the queue.
    per_minute = Counter(minute for minute, _id in _runs(topology, "deadlines.watch"))
    assert per_minute
    assert all(n == 1 for n in per_minute.values()), per_minute
    per_consumer = [
        len(re.findall(r"INFO huey Executing", topology.log(f"huey-{n}.log"))) for n in (1, 2)
    ]
    assert all(n > 0 for n in per_consumer), per_consumer
