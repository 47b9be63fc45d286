"""Huey's queue across a crash (任务队列断电核对): what was queued when the consumer was killed,
what ran after the restart, what was running at the kill.

Huey's SQLite storage keeps each enqueued job as a row of its ``task`` table, inserted and
committed by the web process that enqueues it; the consumer deletes the row in the same
transaction that reads it, just before running the job. So a queued job survives a kill and
runs once after the restart, and a job that was running at the kill is gone from the table:
it is not retried. The consumer logs ``Executing <name>: <id>`` and ``<name>: <id> executed
in …`` for every job, which is how the runs are counted here.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

# The consumer's own log format (``[time] INFO:huey:Worker-N:message``): Kefu's root logger
# writes the same messages again in its format, which is not counted.
STARTED = re.compile(r":huey:Worker-\d+:Executing (\S+): ([0-9a-f-]{32,36})")
FINISHED = re.compile(r":huey:Worker-\d+:(\S+): ([0-9a-f-]{32,36})(?: @\S+)? executed in ")
QUEUE_TIMEOUT_SECONDS = 10.0


def queued_jobs(tasks_file: Path) -> list[dict[str, str]]:
    """The jobs waiting in Huey's SQLite queue (``task`` table), oldest first."""
    from huey.serializer import Serializer

    if not tasks_file.exists():
        return []
    serializer = Serializer()
    # Read-write like the consumer (a read-only open of a WAL file needs its -shm file).
    with contextlib.closing(
        sqlite3.connect(tasks_file, timeout=QUEUE_TIMEOUT_SECONDS)
    ) as connection:
        rows = connection.execute("SELECT data FROM task ORDER BY priority DESC, id").fetchall()
    found = []
    for (data,) in rows:
        message = serializer.deserialize(bytes(data))
        found.append({"id": str(message.id), "name": str(message.name)})
    return found


def wait_queue_empty(tasks_file: Path, *, names: tuple[str, ...], timeout: float) -> int:
    """Wait until no job whose name ends with one of ``names`` (``messaging.send_queued``;
    Huey prefixes the module) is queued, or ``timeout``; how many still are."""
    deadline = time.monotonic() + timeout
    while True:
        left = sum(1 for job in queued_jobs(tasks_file) if job["name"].endswith(names))
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.5)


def job_runs(log: Path, start: int = 0, end: int | None = None) -> tuple[Counter[str], set[str]]:
    """(started job ids with how often, finished job ids) in the consumer log's bytes
    ``start:end``."""
    raw = log.read_bytes()[start:end] if log.exists() else b""
    started: Counter[str] = Counter()
    finished: set[str] = set()
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if match := STARTED.search(line):
            started[match.group(2)] += 1
        elif match := FINISHED.search(line):
            finished.add(match.group(2))
    return started, finished


def crash_summary(
    log: Path, *, kill_offset: int, queued_at_kill: list[dict[str, str]]
) -> dict[str, Any]:
    """Jobs queued at the kill against the runs after it; jobs cut off by the kill."""
    before, done_before = job_runs(log, 0, kill_offset)
    after, _done_after = job_runs(log, kill_offset)
    queued_ids = [job["id"] for job in queued_at_kill]
    interrupted = sorted(set(before) - done_before)
    everything = before + after
    return {
        "queued_at_kill": len(queued_ids),
        "queued_by_name": dict(Counter(job["name"] for job in queued_at_kill)),
        "queued_ran_after_restart": sum(1 for i in queued_ids if after[i] >= 1),
        "queued_never_ran": [i for i in queued_ids if not after[i]],
        "running_at_kill": len(interrupted),
        "running_at_kill_rerun": sum(1 for i in interrupted if after[i]),
        "ran_twice": sorted(i for i, n in everything.items() if n > 1),
    }


def job_problems(summary: dict[str, Any]) -> list[str]:
    found = []
    if summary["queued_never_ran"]:
        found.append(f"{len(summary['queued_never_ran'])} queued jobs never ran after the restart")
    if summary["ran_twice"]:
        found.append(f"{len(summary['ran_twice'])} jobs ran twice")
    return found
