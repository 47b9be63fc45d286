"""``kefu serve``: migrate, load the demo on an empty database, then run the web server and the
task queue consumer side by side until Ctrl-C (or SIGTERM), or until either of them dies.

The web server is gunicorn (``kefu.wsgi``; static files by whitenoise); the consumer is
Huey's ``run_huey``. Both are child processes of this one, started with the same Python.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

POLL_SECONDS = 0.5
STOP_TIMEOUT_SECONDS = 10.0


@dataclass
class Child:
    """A child process and the signal that asks it to finish its current work and stop."""

    name: str
    process: subprocess.Popen[bytes]
    stop_signal: signal.Signals

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(self.stop_signal)


def start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start a child in its own process group: a Ctrl-C in the terminal reaches only this
    command, which then stops the children one by one with the signal each expects."""
    return subprocess.Popen(command, process_group=0)


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "kefu.wsgi:application",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--bind",
        bind_address(host, port),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        str(int(STOP_TIMEOUT_SECONDS) - 2),
        # One control socket per user home would be shared by every instance on the machine.
        "--no-control-socket",
    ]


def huey_command() -> list[str]:
    return [sys.executable, "-m", "kefu.cli", "run_huey"]


class Command(BaseCommand):
    help = "Run Kefu: migrate, load the demo on first start, serve the web console and run jobs."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Web worker processes (default: KEFU_WEB_WORKERS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        workers: int = options["workers"] or settings.KEFU_WEB_WORKERS
        if workers < 1:
            raise CommandError("--workers must be at least 1")

        self._prepare()
        connections.close_all()  # the children open their own connections

        stop_requested: list[int] = []

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stop_requested.append(signum)

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        children: list[Child] = []
        dead: Child | None = None
        try:
            children.append(
                Child(
                    "web server (gunicorn)",
                    start(gunicorn_command(host, port, workers)),
                    signal.SIGTERM,  # gunicorn: graceful shutdown
                )
            )
            children.append(
                Child(
                    "task queue (huey)",
                    start(huey_command()),
                    signal.SIGINT,  # huey: finish running tasks, then stop
                )
            )
            self.stdout.write(
                self.style.SUCCESS(f"Kefu is running at http://{bind_address(host, port)}/")
                + "  (Ctrl-C stops it)"
            )
            self.stdout.flush()
            dead = self._watch(children, stop_requested)
        finally:
            self._stop_all(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if dead is not None:
            raise CommandError(
                f"{dead.name} exited with code {dead.process.returncode}; stopped everything."
            )
        self.stdout.write("Kefu stopped.")

    def _prepare(self) -> None:
        """Migrate, collect static files if never collected, load the demo on a new install."""
        call_command("migrate", interactive=False, verbosity=1, stdout=self.stdout)
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stdout.write("Collecting static files …")
            call_command("collectstatic", interactive=False, verbosity=0)
        if not get_user_model()._default_manager.exists():
            self.stdout.write("No users yet: loading the demo service center …")
            call_command("demo", stdout=self.stdout)
        else:
            call_command("demo", logins_only=True, stdout=self.stdout)
        self.stdout.flush()

    def _watch(self, children: list[Child], stop_requested: list[int]) -> Child | None:
        """Wait for a stop signal (returns None) or for a child to exit (returns that child)."""
        while not stop_requested:
            for child in children:
                if child.process.poll() is not None:
                    if stop_requested:
                        break
                    self.stderr.write(
                        f"{child.name} exited with code {child.process.returncode}; stopping."
                    )
                    return child
            time.sleep(POLL_SECONDS)
        self.stdout.write(f"Stopping (signal {signal.Signals(stop_requested[0]).name}) …")
        return None

    def _stop_all(self, children: list[Child]) -> None:
        """Ask every child to stop, wait for them, kill the ones that do not stop in time."""
        for child in children:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for child in children:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{child.name} did not stop in time; killing it.")
                child.process.kill()
                child.process.wait()
