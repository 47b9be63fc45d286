"""``kefu trust load``: N client processes × M work orders against a real Kefu (负载与断电测试).

Prepare (migrate, demo on an empty database, one agent and token per client), start gunicorn
and the Huey consumer, run the clients; with ``kill`` send SIGKILL to every server process at
a random moment and start them again while the clients keep going; then check. With
``emails`` the clients send each work order's survey by email through a slow loopback SMTP
server, so email jobs are queued (and one may be running) when the kill comes; the check
counts each work order's emails and which queued jobs ran after the restart (``jobs``).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kefu.core.trust.http import call
from kefu.core.trust.jobs import crash_summary, job_problems, queued_jobs, wait_queue_empty
from kefu.core.trust.mailsink import MailSink
from kefu.core.trust.server import Server, kefu, server_env

CLIENT_TIMEOUT_SECONDS = 3600.0
WATCH_WAIT_SECONDS = 75.0  # the watcher runs at every full minute
WATCHED_PER_BATCH = 3
EMAIL_JOBS = ("messaging.send_queued",)
QUEUE_DRAIN_SECONDS = 90.0


@dataclass
class LoadOptions:
    processes: int = 8
    each: int = 500
    database_url: str = ""
    kill: bool = False
    work_dir: Path | None = None
    web_workers: int = 2
    seed: int | None = None
    emails: bool = True  # survey emails through a slow loopback SMTP server
    smtp_delay: float = 0.3  # seconds the SMTP server takes per message


def run_load(options: LoadOptions, say: Callable[[str], None] = print) -> dict[str, Any]:
    work = options.work_dir or Path(tempfile.mkdtemp(prefix="kefu-trust-"))
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    sink = MailSink(logs / "mail.jsonl", delay=options.smtp_delay) if options.emails else None
    env = server_env(work / "data", options.database_url, sink.port if sink else 0)
    rng = random.Random(options.seed)
    tag = f"load-{uuid.uuid4().hex[:8]}"
    began = time.monotonic()
    say(f"Preparing {work} …")
    prepared = json.loads(
        kefu(env, "trust", "_prepare", "--clients", str(options.processes), "--tag", tag)
    )
    server = Server(env, logs, workers=options.web_workers)
    if sink is not None:
        sink.start()
        prepared["invite"] = bool(prepared.get("surveys"))
    server.start()
    say(f"Kefu is running at {server.base} ({', '.join(server.pids())}).")
    result: dict[str, Any] = {}
    try:
        watcher_token = prepared["tokens"][-1]
        batches = [
            _open_watched(server.base, watcher_token, prepared["department"], tag, b)
            for b in range(2 if options.kill else 0)
        ]
        started = time.monotonic()
        clients = _start_clients(server.base, prepared, options, tag, logs)
        kills: list[dict[str, Any]] = []
        jobs_at_kill: list[dict[str, str]] = []
        kill_offset = 0
        if options.kill:
            target = int(options.processes * options.each * rng.uniform(0.2, 0.6))
            while _acknowledged(logs) < target and any(c.poll() is None for c in clients):
                time.sleep(0.2)
            kefu(env, "trust", "_expire", *batches[0])
            killed_at = time.monotonic()
            victims = server.kill()
            jobs_at_kill = queued_jobs(work / "data" / "tasks.sqlite3")
            kill_offset = (logs / "queue.log").stat().st_size
            say(f"kill -9 {' '.join(map(str, victims))} after {_acknowledged(logs)} creations")
            time.sleep(rng.uniform(0.5, 2.0))
            server.start()
            down = time.monotonic() - killed_at
            say(f"Restarted after {down:.1f} s ({', '.join(server.pids())}).")
            kefu(env, "trust", "_expire", *batches[1])
            kills.append({"after_creations": target, "victims": len(victims), "down_s": down})
        failed = _wait_clients(clients, logs)
        load_seconds = time.monotonic() - started
        say(f"Clients finished in {load_seconds:.1f} s; checking …")
        mail_args = ["--mail-log", str(sink.log)] if sink is not None else []
        if sink is not None:
            tasks_file = work / "data" / "tasks.sqlite3"
            wait_queue_empty(tasks_file, names=EMAIL_JOBS, timeout=QUEUE_DRAIN_SECONDS)
        watched = [n for batch in batches for n in batch]
        result = json.loads(
            kefu(
                env, "trust", "_check", "--log-dir", str(logs), "--tag", tag,
                "--wait", str(WATCH_WAIT_SECONDS if watched else 0), *mail_args, *watched,
            )
        )  # fmt: skip
        result |= {
            "database": "postgresql" if options.database_url.startswith("postgres") else "sqlite",
            "processes": options.processes,
            "each": options.each,
            "kill": kills,
            "clients_failed": failed,
            "elapsed": round(load_seconds, 1),
            "elapsed_total": round(time.monotonic() - began, 1),
            "rate_per_s": round(result["requests"] / load_seconds, 1) if load_seconds else 0,
            "work_dir": str(work),
            "log_errors": scan_logs(logs),
        }
        if options.kill:
            result["jobs"] = crash_summary(
                logs / "queue.log", kill_offset=kill_offset, queued_at_kill=jobs_at_kill
            )
            result["problems"] += job_problems(result["jobs"])
        if failed:
            result["problems"].append(f"{len(failed)} clients failed")
        (work / "result.json").write_text(json.dumps(result, ensure_ascii=False, default=str))
    finally:
        server.stop()
        if sink is not None:
            sink.stop()
    return result


def _open_watched(base: str, token: str, department: int, tag: str, batch: int) -> list[str]:
    """Complaints nobody answers: their deadlines are expired on purpose for the watcher."""
    customer = call(base, "POST", "/api/v1/customers", token=token,
                    body={"name": f"时限客户{batch}", "phone": f"1370000{batch:04d}"})  # fmt: skip
    customer_id = customer.body["id"] if customer.ok else None
    numbers = []
    for n in range(WATCHED_PER_BATCH):
        body: dict[str, Any] = {
            "type": "complaint",
            "channel": "phone",
            "title": f"{tag}-watch b{batch} {n}",
        }
        if customer_id:
            body["customer_id"] = customer_id
        else:
            body["customer"] = {"name": f"时限客户{batch}", "phone": f"1370000{batch:04d}"}
        reply = call(base, "POST", "/api/v1/tickets", token=token, body=body)
        if not reply.ok:
            raise RuntimeError(f"could not open a watched work order: {reply.status} {reply.body}")
        numbers.append(str(reply.body["number"]))
    return numbers


def _start_clients(
    base: str, prepared: dict[str, Any], options: LoadOptions, tag: str, logs: Path
) -> list[subprocess.Popen[bytes]]:
    clients = []
    for n in range(options.processes):
        config = {
            "base": base,
            "token": prepared["tokens"][n],
            "client": n,
            "each": options.each,
            "tag": tag,
            "department": prepared["department"],
            "invite": prepared.get("invite", False),
            "log": str(logs / f"client-{n:02d}.jsonl"),
        }
        path = logs / f"client-{n:02d}.json"
        path.write_text(json.dumps(config))
        stderr = (logs / f"client-{n:02d}.err").open("wb")
        clients.append(
            subprocess.Popen(
                [sys.executable, "-m", "kefu.core.trust.client", str(path)], stderr=stderr
            )
        )
        stderr.close()
    return clients


def _acknowledged(logs: Path) -> int:
    return sum(
        1
        for path in logs.glob("client-*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if '"op": "create", "status": 201' in line
    )


def _wait_clients(clients: list[subprocess.Popen[bytes]], logs: Path) -> list[str]:
    failed = []
    deadline = time.monotonic() + CLIENT_TIMEOUT_SECONDS
    for n, client in enumerate(clients):
        try:
            code = client.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            client.kill()
            code = client.wait()
        if code != 0:
            err = (logs / f"client-{n:02d}.err").read_text(errors="replace")[-500:]
            failed.append(f"client {n}: exit {code}: {err}")
    return failed


def scan_logs(logs: Path) -> dict[str, Any]:
    """ERROR lines and tracebacks in the server's and the consumer's logs."""
    found: dict[str, Any] = {}
    for name in ("web.log", "queue.log"):
        path = logs / name
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        bad = [line for line in lines if " ERROR " in line or line.startswith("Traceback")]
        found[name] = {"count": len(bad), "first": bad[:3]}
    return found
