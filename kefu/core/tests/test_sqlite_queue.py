"""The SQLite write queue (写入排队): a transaction holds ``<database>.writelock`` from BEGIN to
COMMIT or ROLLBACK, so the next writer starts when the last one ends (kefu/core/sqlite)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connections, transaction

pytestmark = pytest.mark.skipif(
    "sqlite" not in os.environ.get("KEFU_DATABASE_URL", "sqlite"), reason="SQLite backend"
)


@pytest.fixture
def handler(tmp_path: Path, django_db_blocker: Any) -> Iterator[Any]:
    """A database ``q`` of its own on the queue backend (the test database is left alone)."""
    connections.settings["q"] = {
        **connections.settings["default"],
        "ENGINE": "kefu.core.sqlite",
        "NAME": str(tmp_path / "queue.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 5},
        "CONN_MAX_AGE": 0,
    }
    with django_db_blocker.unblock():
        with connections["q"].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE t (n integer)")
        try:
            yield connections
        finally:
            connections["q"].close()
            del connections["q"]
            del connections.settings["q"]


def _queue_is_taken(path: Path) -> bool:
    """Whether another file description can take the queue's lock right now."""
    fd = os.open(f"{path}.writelock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def test_a_transaction_holds_the_queue_until_it_commits(handler: Any, tmp_path: Path) -> None:
    path = tmp_path / "queue.sqlite3"
    assert not _queue_is_taken(path)
    with transaction.atomic(using="q"):
        handler["q"].cursor().execute("INSERT INTO t VALUES (1)")
        assert _queue_is_taken(path)
        with transaction.atomic(using="q"):  # a savepoint: still the same turn
            assert _queue_is_taken(path)
    assert not _queue_is_taken(path)


def test_a_rollback_or_a_closed_connection_gives_the_turn_back(
    handler: Any, tmp_path: Path
) -> None:
    path = tmp_path / "queue.sqlite3"

    def fail() -> None:
        with transaction.atomic(using="q"):
            handler["q"].cursor().execute("INSERT INTO t VALUES (1)")
            assert _queue_is_taken(path)
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert not _queue_is_taken(path)
    assert handler["q"].cursor().execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0
    atomic = transaction.atomic(using="q")
    atomic.__enter__()
    assert _queue_is_taken(path)
    handler["q"].close()  # e.g. a worker killed mid-request: nothing left holding the turn
    assert not _queue_is_taken(path)
    handler["q"].needs_rollback = False
    handler["q"].in_atomic_block = False
    handler["q"].atomic_blocks = []


def test_writers_in_threads_take_turns_and_none_is_refused(handler: Any) -> None:
    inside, most, errors = [0], [0], []
    guard = threading.Lock()

    def write(k: int) -> None:
        try:
            for i in range(25):
                with transaction.atomic(using="q"):
                    with guard:
                        inside[0] += 1
                        most[0] = max(most[0], inside[0])
                    handler["q"].cursor().execute("INSERT INTO t VALUES (%s)", [k * 100 + i])
                    time.sleep(0.0005)
                    with guard:
                        inside[0] -= 1
        except OperationalError as error:  # "database is locked"
            errors.append(error)
        finally:
            handler["q"].close()

    threads = [threading.Thread(target=write, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert most[0] == 1
    assert handler["q"].cursor().execute("SELECT COUNT(DISTINCT n) FROM t").fetchone()[0] == 200


def test_a_writer_stuck_in_the_queue_falls_back_on_sqlites_own_lock(
    handler: Any, tmp_path: Path
) -> None:
    handler["q"].settings_dict["OPTIONS"]["timeout"] = 0.2
    fd = os.open(f"{tmp_path / 'queue.sqlite3'}.writelock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # someone holds the queue but not the database
    try:
        with transaction.atomic(using="q"):
            handler["q"].cursor().execute("INSERT INTO t VALUES (7)")
    finally:
        os.close(fd)
    assert handler["q"].cursor().execute("SELECT n FROM t").fetchall() == [(7,)]
