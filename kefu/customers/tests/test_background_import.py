"""A large import runs in a real Huey consumer process, not inline and not in a fake queue."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage

from kefu.customers.importing import start_import
from kefu.customers.models import Customer, ImportJob


def database_url() -> str:
    conf: dict[str, Any] = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf.get("PASSWORD") else "")
    return f"postgres://{auth}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"


def csv_rows(count: int) -> bytes:
    lines = ["姓名,手机"] + [f"后台{i:03d},139{i:08d}" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def private_queue(tmp_path: Path):
    """A task-queue file of this test's own, so parallel test workers never share a queue."""
    original = HUEY.storage
    was_immediate = HUEY.immediate
    HUEY.immediate = False
    HUEY.storage = SqliteStorage(name=HUEY.name, filename=str(tmp_path / "tasks.sqlite3"))
    yield tmp_path / "tasks.sqlite3"
    HUEY.storage = original
    HUEY.immediate = was_immediate


@pytest.mark.django_db(transaction=True)
def test_a_large_import_is_queued_and_a_real_worker_process_imports_it(
    cast, settings, private_queue
):
    settings.KEFU_IMPORT_INLINE_ROWS = 10
    job = start_import(
        actor=cast.manager,
        uploaded_file_name="大客户.csv",
        content=csv_rows(60),
        on_duplicate="reject",
    )
    assert job.status == "pending"
    assert HUEY.pending_count() == 1
    assert not Customer.objects.filter(name__startswith="后台").exists()

    env = {
        **os.environ,
        "KEFU_DATABASE_URL": database_url(),
        "KEFU_DATA_DIR": str(settings.DATA_DIR),
        "KEFU_TASKS_FILE": str(private_queue),
        "KEFU_TASKS_IMMEDIATE": "",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "kefu.cli", "run_huey", "--workers", "1", "--no-periodic"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in ("done", "failed"):
                break
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
            time.sleep(0.3)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    assert job.status == "done", job.errors
    assert job.created_count == 60
    assert Customer.objects.filter(name__startswith="后台").count() == 60
    assert ImportJob.objects.get(pk=job.pk).percent == 100
