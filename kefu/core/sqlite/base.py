"""SQLite with a write queue (写入排队): writers hand the write lock on at once.

SQLite lets one writer in at a time. Django begins every transaction with ``BEGIN IMMEDIATE``
(``transaction_mode``), and a writer that finds the lock taken sleeps in SQLite's busy handler
for 1, 2, 5 … up to 100 ms between tries: with eight clients writing, the lock sits free while
everyone sleeps, and the slowest wait a hundred milliseconds for a lock released long before.
This backend takes an exclusive ``flock`` on ``<database>.writelock`` before ``BEGIN`` and
drops it at commit, rollback or close: waiters poll that lock every fraction of a millisecond
(a cheap system call, no SQL), so the next writer starts as soon as the last one commits.
Every Kefu process (web workers, task consumers, commands) takes the same lock, each
connection through its own file description (threads queue too). After the busy timeout
(``OPTIONS["timeout"]``) a writer stops waiting for the queue and falls back on SQLite's own
lock (and its ``database is locked`` error), so a stuck writer cannot hang everyone forever.
In-memory databases have no file and no queue.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.0001  # seconds between tries, doubling up to LONGEST_PAUSE
LONGEST_PAUSE = 0.001


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's SQLite backend whose transactions queue on a lock file before ``BEGIN``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._queue_fd: int | None = None
        self._holding = False

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}.writelock"

    def _take_queue(self) -> None:
        path = self._lock_path()
        if path is None or self._holding:
            return
        if self._queue_fd is None:
            self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._queue_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's own lock and busy timeout decide from here
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                self._holding = True
                return

    def _leave_queue(self) -> None:
        if self._holding and self._queue_fd is not None:
            self._holding = False
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        self._take_queue()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in the stubs
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_queue()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_queue()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_queue()
            if self._queue_fd is not None:
                os.close(self._queue_fd)
                self._queue_fd = None
