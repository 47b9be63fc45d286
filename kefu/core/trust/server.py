"""Kefu under test (被测服务): gunicorn and the Huey consumer as ``kefu serve`` starts them.

Both run from a private data directory with their output in log files; ``kill`` sends
SIGKILL to the gunicorn master, its workers and the consumer at once (a power cut, as far as
Kefu can tell), ``start`` brings them back with the same settings.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings

from kefu.core.management.commands.serve import gunicorn_command, huey_command
from kefu.core.trust.http import call

START_TIMEOUT_SECONDS = 120.0
STOP_TIMEOUT_SECONDS = 15.0
# Settings of the calling process that must not leak into the server under test.
NOT_INHERITED = (
    "KEFU_DATABASE_URL",
    "KEFU_EMAIL_HOST",
    "KEFU_EMAIL_PORT",
    "KEFU_REDIS_URL",
    "KEFU_TEST_DATABASE",
    "KEFU_TASKS_IMMEDIATE",
    "KEFU_DATA_DIR",
    "KEFU_STATIC_ROOT",
    "KEFU_WEB_WORKERS",
    "KEFU_TASKS_FILE",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(data_dir: Path, database_url: str = "", mail_port: int = 0) -> dict[str, str]:
    """The environment of every process of the server under test (and of ``kefu trust _…``);
    with ``mail_port`` its email goes to that loopback SMTP server, unthrottled."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env |= {
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
        "KEFU_DATA_DIR": str(data_dir),
        "KEFU_DEMO_HISTORY_DAYS": os.environ.get("KEFU_DEMO_HISTORY_DAYS", "0"),
        "PYTHONUNBUFFERED": "1",
    }
    # Reuse collected static files (compressing them takes a minute); else collect privately.
    collected = Path(settings.STATIC_ROOT) / "staticfiles.json"
    static_root = settings.STATIC_ROOT if collected.exists() else data_dir / "static"
    env["KEFU_STATIC_ROOT"] = str(static_root)
    if database_url:
        env["KEFU_DATABASE_URL"] = database_url
    if mail_port:
        env |= {
            "KEFU_EMAIL_HOST": "127.0.0.1",
            "KEFU_EMAIL_PORT": str(mail_port),
            "KEFU_EMAIL_TLS": "",
            "KEFU_EMAIL_USER": "",
            "KEFU_EMAIL_PASSWORD": "",
            "KEFU_EMAIL_PER_MINUTE": "100000",
        }
    return env


def kefu(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run ``kefu ARGS`` with the server's settings; its stdout (raises on failure)."""
    done = subprocess.run(
        [sys.executable, "-m", "kefu.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"kefu {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    with contextlib.suppress(OSError):
        return [int(p) for p in path.read_text().split()]
    return []


@dataclass
class Server:
    """gunicorn (``workers`` processes) and the Huey consumer on 127.0.0.1:``port``."""

    env: dict[str, str]
    log_dir: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    web: subprocess.Popen[bytes] | None = None
    queue: subprocess.Popen[bytes] | None = None
    starts: int = 0
    _logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        web_log = (self.log_dir / "web.log").open("ab")
        queue_log = (self.log_dir / "queue.log").open("ab")
        self._logs += [web_log, queue_log]
        self.web = subprocess.Popen(
            gunicorn_command("127.0.0.1", self.port, self.workers),
            env=self.env, stdout=web_log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.queue = subprocess.Popen(
            huey_command(), env=self.env, stdout=queue_log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            assert self.web is not None
            assert self.queue is not None
            for name, process in (("gunicorn", self.web), ("huey", self.queue)):
                if process.poll() is not None:
                    code = process.returncode
                    raise RuntimeError(f"{name} exited with {code}; see {self.log_dir}")
            if (
                call(self.base, "GET", "/login/", timeout=5).status == 200
                and len(children_of(self.web.pid)) >= self.workers
            ):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start; see {self.log_dir}")
            time.sleep(0.3)

    def pids(self) -> dict[str, int]:
        """Every process of the server: ``gunicorn master``, ``gunicorn worker N``, ``huey``."""
        found: dict[str, int] = {}
        if self.web is not None and self.web.poll() is None:
            found["gunicorn master"] = self.web.pid
            for n, pid in enumerate(children_of(self.web.pid), 1):
                found[f"gunicorn worker {n}"] = pid
        if self.queue is not None and self.queue.poll() is None:
            found["huey consumer"] = self.queue.pid
        return found

    def kill(self) -> list[int]:
        """``kill -9`` the gunicorn master, its workers and the consumer, all at once."""
        victims = list(self.pids().values())
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for process in (self.web, self.queue):
            if process is not None:
                process.wait()
        # Orphaned workers die with their master's socket; make sure before restarting.
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        while any(Path(f"/proc/{pid}").exists() and _running(pid) for pid in victims):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return victims

    def stop(self) -> None:
        """Graceful stop as ``kefu serve`` does it: SIGTERM to gunicorn, SIGINT to huey."""
        for process, sig in ((self.web, signal.SIGTERM), (self.queue, signal.SIGINT)):
            if process is not None and process.poll() is None:
                process.send_signal(sig)
        for process in (self.web, self.queue):
            if process is None:
                continue
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in self._logs:
            log.close()
        self._logs.clear()


def _running(pid: int) -> bool:
    """Alive and not a zombie."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False
