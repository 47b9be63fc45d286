"""The crash run's job counting (任务队列断电核对) checked on its own: it must see queued jobs in
Huey's SQLite file, a queued job that never ran after the restart, a job run twice, and a job
cut off by the kill."""

from __future__ import annotations

from pathlib import Path

from huey import SqliteHuey

from kefu.core.trust.jobs import crash_summary, job_problems, queued_jobs, wait_queue_empty

A, B, C, D = (f"{n}" * 8 + "-aaaa-bbbb-cccc-" + f"{n}" * 12 for n in "1234")


def line(message: str) -> str:
    return (
        f"[2026-11-23 10:00:00,000] INFO:huey:Worker-1:{message}\n"
        f"2026-11-23 10:00:00,000 INFO huey {message}\n"  # Kefu's root logger, not counted
    )


def _send(channel: str) -> None:
    """A job that is only enqueued here, never run."""


def test_queued_jobs_are_read_from_hueys_sqlite_file(tmp_path: Path) -> None:
    queue = SqliteHuey("kefu", filename=str(tmp_path / "tasks.sqlite3"))

    send = queue.task(name="messaging.send_queued")(_send)
    first, second = send("email"), send("email")
    found = queued_jobs(tmp_path / "tasks.sqlite3")
    assert [job["id"] for job in found] == [first.id, second.id]
    assert all(job["name"].endswith("messaging.send_queued") for job in found)
    left = wait_queue_empty(tmp_path / "tasks.sqlite3", names=("messaging.send_queued",), timeout=0)
    assert left == 2
    assert queued_jobs(tmp_path / "missing.sqlite3") == []


def test_the_summary_finds_lost_twice_run_and_cut_off_jobs(tmp_path: Path) -> None:
    log = tmp_path / "queue.log"
    before = (
        line(f"Executing kefu.messaging.tasks.messaging.send_queued: {A}")
        + line(f"kefu.messaging.tasks.messaging.send_queued: {A} executed in 0.300s")
        + line(f"Executing kefu.messaging.tasks.messaging.send_queued: {B}")  # cut off
    )
    after = (
        line(f"Executing kefu.messaging.tasks.messaging.send_queued: {C}")
        + line(f"kefu.messaging.tasks.messaging.send_queued: {C} executed in 0.100s")
        + line(f"Executing kefu.messaging.tasks.messaging.send_queued: {A}")  # again
    )
    log.write_text(before + after)
    queued = [{"id": C, "name": "send_queued"}, {"id": D, "name": "send_queued"}]
    summary = crash_summary(log, kill_offset=len(before.encode()), queued_at_kill=queued)
    assert summary["queued_at_kill"] == 2
    assert summary["queued_ran_after_restart"] == 1
    assert summary["queued_never_ran"] == [D]
    assert summary["running_at_kill"] == 1
    assert summary["running_at_kill_rerun"] == 0
    assert summary["ran_twice"] == [A]
    assert job_problems(summary) == [
        "1 queued jobs never ran after the restart",
        "1 jobs ran twice",
    ]
