"""``kefu serve`` as a real process: migrate, demo, web server and task queue, clean Ctrl-C."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

START_TIMEOUT = 90  # migrations, demo data and gunicorn on a busy 2-core machine
STOP_TIMEOUT = 15
# Settings that would point the server at the suite's databases or queues.
NOT_INHERITED = (
    "KEFU_DATABASE_URL",
    "KEFU_REDIS_URL",
    "KEFU_TEST_DATABASE",
    "KEFU_TASKS_IMMEDIATE",
    "KEFU_DATA_DIR",
    "KEFU_STATIC_ROOT",
    "KEFU_WEB_WORKERS",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kefu_command() -> list[str]:
    script = Path(sys.executable).with_name("kefu")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kefu.cli"]


def _children(pid: int) -> dict[int, str]:
    result = subprocess.run(
        ["ps", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True
    )
    children = {}
    for line in result.stdout.splitlines():
        child, _, args = line.strip().partition(" ")
        children[int(child)] = args
    return children


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not collected it yet.
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False


def _get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_serve_runs_web_server_and_task_queue_and_ctrl_c_stops_both(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    # Reuse the static files collected by scripts/setup (compressing them takes a minute);
    # without them serve collects into an empty directory itself.
    collected = settings.STATIC_ROOT / "staticfiles.json"
    static_root = settings.STATIC_ROOT if collected.exists() else tmp_path / "static"
    env |= {
        "KEFU_DATA_DIR": str(tmp_path / "data"),
        "KEFU_STATIC_ROOT": str(static_root),
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
    }
    log_path = tmp_path / "serve.log"
    started_pids: list[int] = []
    with log_path.open("wb") as log:
        serve = subprocess.Popen(
            [*_kefu_command(), "serve", "--port", str(port), "--workers", "1"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        page = None
        while page is None or page[0] != 200:
            assert serve.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.5)
            page = _get(f"http://127.0.0.1:{port}/login/")
        assert "Kefu" in page[1]

        children = _children(serve.pid)
        started_pids.extend(children)
        web = [pid for pid, args in children.items() if "gunicorn" in args]
        queue = [pid for pid, args in children.items() if "run_huey" in args]
        assert len(web) == 1, children
        assert len(queue) == 1, children
        web_workers = list(_children(web[0]))
        started_pids.extend(web_workers)
        assert web_workers, "gunicorn has no worker"

        output = log_path.read_text()
        assert f"http://127.0.0.1:{port}/" in output
        assert "admin" in output
        assert "kefu-demo" in output

        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=STOP_TIMEOUT) == 0, log_path.read_text()
        deadline = time.monotonic() + STOP_TIMEOUT
        while any(_alive(pid) for pid in started_pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in started_pids if _alive(pid)], log_path.read_text()
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        for pid in started_pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
