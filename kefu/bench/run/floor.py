"""SQL floor (SQL 下限): the time a scenario's SQL alone takes on the dataset's database.

Runs inside a process configured on the dataset's database (``kefu.bench.run.inside``).
For each scenario, a few of its requests go through Django's test client (the same views,
middleware and authentication as over HTTP) while every statement is recorded with its
parameters; each request's statements are then replayed on the database driver's own cursor
(no Django in between) many times, and ``sql_ms`` is the median of the per-request totals.
All of it happens in one transaction that is rolled back (each request and each replay
inside its own savepoint, rolled back too), so writes replay against the same rows and
leave nothing behind — which also means a write's commit (the fsync) is not in its floor.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from typing import Any

SAMPLES = 3  # requests captured per scenario
REPLAYS = 40  # replays per captured request (fewer when the budget runs out)
BUDGET_SECONDS = 3.0  # replay time per scenario
CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")

Statement = tuple[str, Any, bool]
QMARK = re.compile(r"(?<!%)%s")  # as Django's SQLite backend converts placeholders


def for_driver(statements: list[Statement], vendor: str) -> list[Statement]:
    """The statements as the database driver takes them (SQLite: ``?`` placeholders), so the
    replay needs no help from Django."""
    if vendor != "sqlite":
        return statements
    return [
        (sql if params is None else QMARK.sub("?", sql).replace("%%", "%"), params, many)
        for sql, params, many in statements
    ]


def replay(statements: list[Statement]) -> float:
    """Run the statements once on the driver's own cursor, reading every row; seconds."""
    from django.db import connection

    cursor = connection.connection.cursor()
    try:
        started = time.perf_counter()
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, params)
            elif params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
        return time.perf_counter() - started
    finally:
        cursor.close()


def median_ms(
    samples: list[list[Statement]],
    rolled_back: Callable[[Callable[[], float]], float],
    budget: float = BUDGET_SECONDS,
) -> float:
    """Median per-request total over repeated replays, each inside a rolled-back savepoint."""
    totals: list[float] = []
    deadline = time.monotonic() + budget
    for _ in range(REPLAYS):
        for statements in samples:
            totals.append(rolled_back(lambda s=statements: replay(s)))  # type: ignore[misc]
        if time.monotonic() > deadline and len(totals) >= 5:
            break
    return statistics.median(totals) * 1000


def is_control(sql: str) -> bool:
    return sql.lstrip().upper().startswith(CONTROL)
