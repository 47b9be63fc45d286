"""Bench processes (压测进程): the load client, the steps inside Kefu, and the workers' memory."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kefu.core.trust.server import children_of


def _round_trip(module: str, args: list[str], config: dict[str, Any], env: dict[str, str],
                timeout: float) -> Any:  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kefu-bench-") as tmp:
        config_path, out_path = Path(tmp) / "config.json", Path(tmp) / "out.json"
        config_path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", module, *args, str(config_path), str(out_path)],
            env=env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        if done.returncode != 0 or not out_path.exists():
            raise RuntimeError(f"{module} {' '.join(args)} failed:\n{done.stderr[-4000:]}")
        return json.loads(out_path.read_text(encoding="utf-8"))


def inside(env: dict[str, str], action: str, config: dict[str, Any]) -> Any:
    """Run a step of ``kefu.bench.run.inside`` with the dataset's settings."""
    return _round_trip("kefu.bench.run.inside", [action], config, env, timeout=3600)


def drive(config: dict[str, Any]) -> dict[str, Any]:
    """Run one scenario's clients in a separate process; their raw results."""
    timeout = config["warmup"] + config["duration"] + 300
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result: dict[str, Any] = _round_trip("kefu.bench.run.client", [], config, env, timeout)
    return result


def rss_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def listening_inodes(port: int) -> set[str]:
    """Socket inodes listening on 127.0.0.1:``port`` (from /proc/net/tcp)."""
    wanted = f"0100007F:{port:04X}"
    inodes = set()
    with contextlib.suppress(OSError):
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            cells = line.split()
            if cells[1] == wanted and cells[3] == "0A":  # 0A: LISTEN
                inodes.add(cells[9])
    return inodes


def holders(inodes: set[str]) -> set[int]:
    """Processes holding one of these sockets open."""
    found = set()
    marks = {f"socket:[{inode}]" for inode in inodes}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in marks for fd in (entry / "fd").iterdir()):
                found.add(int(entry.name))
    return found


def _parent(pid: int) -> int:
    with contextlib.suppress(OSError, IndexError, ValueError):
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return 0


def gunicorn_workers(master: int | None = None, port: int = 0) -> list[int]:
    """The workers of ``master``; without it, the workers of whatever server listens on
    127.0.0.1:``port`` (one the bench did not start): the processes sharing its listening
    socket whose parent shares it too. Behind a proxy (the topology script's nginx), every
    gunicorn worker serving ``kefu.wsgi`` on this machine."""
    if master is not None:
        return children_of(master)
    sharing = holders(listening_inodes(port))
    if any("gunicorn" in _cmdline(pid) for pid in sharing):
        return sorted(pid for pid in sharing if _parent(pid) in sharing)
    # A proxy (nginx) listens there: take every gunicorn worker of Kefu on this machine.
    every = {pid for pid in holders_of_command("kefu.wsgi") if "gunicorn" in _cmdline(pid)}
    return sorted(pid for pid in every if _parent(pid) in every)


def _cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def holders_of_command(text: str) -> set[int]:
    """Processes whose command line holds ``text``."""
    return {
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and text in _cmdline(int(entry.name))
    }


def worker_memory(workers: list[int]) -> dict[str, Any]:
    each = [m for m in (rss_mb(pid) for pid in workers) if m is not None]
    return {"max": max(each) if each else None, "each": each}
