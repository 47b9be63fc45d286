"""``kefu trust soak``: mixed load at a bounded rate, memory of every process, log errors.

Every ``sample_seconds`` the resident memory (``VmRSS`` in ``/proc/<pid>/status``) of the
gunicorn master, each worker and the Huey consumer is sampled; at the end the server's and
the consumer's logs are scanned for ERROR lines and tracebacks.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kefu.core.trust.load import scan_logs
from kefu.core.trust.server import Server, kefu, server_env

SOAK_CLIENTS = 4


@dataclass
class SoakOptions:
    minutes: float = 30.0
    rate: float = 20.0
    sample_seconds: float = 30.0
    database_url: str = ""
    work_dir: Path | None = None


def rss_kib(pid: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def run_soak(options: SoakOptions, say: Callable[[str], None] = print) -> dict[str, Any]:
    work = options.work_dir or Path(tempfile.mkdtemp(prefix="kefu-soak-"))
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = server_env(work / "data", options.database_url)
    tag = f"soak-{uuid.uuid4().hex[:8]}"
    prepared = json.loads(kefu(env, "trust", "_prepare", "--clients", str(SOAK_CLIENTS),
                               "--tag", tag))  # fmt: skip
    server = Server(env, logs)
    server.start()
    seconds = options.minutes * 60
    say(f"Soaking {server.base} for {options.minutes} min at {options.rate} requests/s …")
    samples: dict[str, list[int]] = {}
    started = time.monotonic()
    try:
        clients = []
        for n in range(SOAK_CLIENTS):
            config = {
                "base": server.base, "token": prepared["tokens"][n], "client": n,
                "username": prepared["usernames"][n], "password": prepared["password"],
                "department": prepared["department"], "rate": options.rate / SOAK_CLIENTS,
                "seconds": seconds, "out": str(logs / f"soak-{n}.json"),
            }  # fmt: skip
            path = logs / f"soak-{n}.config.json"
            path.write_text(json.dumps(config))
            clients.append(
                subprocess.Popen([sys.executable, "-m", "kefu.core.trust.soak_client", str(path)])
            )
        while any(c.poll() is None for c in clients):
            for name, pid in server.pids().items():
                rss = rss_kib(pid)
                if rss is not None:
                    samples.setdefault(name, []).append(rss)
            elapsed = time.monotonic() - started
            now_rss = "  ".join(f"{k} {v[-1] / 1024:.0f} MiB" for k, v in samples.items())
            say(f"{elapsed / 60:5.1f} min  {now_rss}")
            wait_until = time.monotonic() + options.sample_seconds
            while time.monotonic() < wait_until and any(c.poll() is None for c in clients):
                time.sleep(0.5)
        for name, pid in server.pids().items():  # one last sample at the end
            rss = rss_kib(pid)
            if rss is not None:
                samples.setdefault(name, []).append(rss)
        failed = [n for n, c in enumerate(clients) if c.returncode != 0]
    finally:
        server.stop()
    summaries = [json.loads((logs / f"soak-{n}.json").read_text())
                 for n in range(SOAK_CLIENTS) if (logs / f"soak-{n}.json").exists()]  # fmt: skip
    elapsed = time.monotonic() - started
    requests = sum(s["requests"] for s in summaries)
    errors = sum(s["error_count"] for s in summaries)
    statuses: dict[str, int] = {}
    for summary in summaries:
        for key, count in summary["statuses"].items():
            statuses[key] = statuses.get(key, 0) + count
    log_errors = scan_logs(logs)
    memory = {
        name: {"start": values[0], "end": values[-1], "max": max(values), "samples": len(values)}
        for name, values in samples.items()
    }
    result: dict[str, Any] = {
        "minutes": options.minutes,
        "requests": requests,
        "rate_per_s": round(requests / elapsed, 1) if elapsed else 0,
        "statuses": statuses,
        "5xx": errors,
        "errors": [e for s in summaries for e in s["errors"]][:10],
        "rss_kib": memory,
        "log_errors": log_errors,
        "log_error_count": sum(v["count"] for v in log_errors.values()),
        "work_dir": str(work),
    }
    problems = []
    if failed:
        problems.append(f"soak clients failed: {failed}")
    if errors:
        problems.append(f"{errors} requests failed (5xx or no answer)")
    if result["log_error_count"]:
        problems.append(f"{result['log_error_count']} errors in the logs")
    result["problems"] = problems
    return result
