"""Bulk row sinks (批量写入): rows with generated ids into a model's table, fast.

SQLite gets ``executemany`` of one plain INSERT; PostgreSQL gets ``COPY … FROM STDIN`` through
psycopg's ``cursor.copy``. Values are given already in the database's text form (times as
``Stamps`` makes them, JSON as text, booleans as 0/1), so nothing is adapted per row. Columns
the seeder does not give must have a default or be nullable; they get it, so a column added by
a later migration does not break seeding.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import threading
import time
from collections.abc import Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

BATCH = 20_000
HMS = tuple(f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60))


def fast_pragmas(fast: bool) -> None:
    """SQLite settings for bulk loading (no journal, no syncs, a big cache), or back to the
    normal WAL database Kefu runs on. Per connection; nothing on PostgreSQL."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if fast:
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-524288")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-64000")


def _write(sql: str, rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(sql, rows)


def secondary_indexes(tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain and unique indexes of ``tables`` that are not
    part of a table definition or constraint (those stay while loading)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                " AND tablename = ANY(%s) AND indexname NOT IN"
                " (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))",
                [list(tables)],
            )
        else:
            cursor.execute(
                "SELECT name, sql, tbl_name FROM sqlite_master"
                " WHERE type = 'index' AND sql IS NOT NULL"
            )
            wanted = set(tables)
            return [(str(n), str(sql)) for n, sql, table in cursor.fetchall() if table in wanted]
        return [(str(name), str(sql)) for name, sql in cursor.fetchall()]


def _foreign_key_problems(tables: Sequence[str]) -> list[Any]:
    problems: list[Any] = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"PRAGMA foreign_key_check({connection.ops.quote_name(table)})")
            problems.extend(cursor.fetchall()[:5])
    return problems


class Writer:
    """A thread that writes the batches of its sinks, in one transaction on its own database
    connection, while the caller generates the next rows (the driver leaves the GIL while the
    database works, so generating and writing use both cores).

    The secondary indexes of ``tables`` are dropped before loading and created again, with the
    same statements, before the commit: building an index once from sorted keys is much
    faster than keeping it up to date row by row. On SQLite the foreign keys are checked
    once at the end (``PRAGMA foreign_key_check``) instead of row by row; any orphan row
    fails the load.
    """

    def __init__(self, tables: Sequence[str] = ()) -> None:
        self.tables = list(tables)
        self.queue: queue.Queue[tuple[str, list[tuple[Any, ...]]] | None] = queue.Queue(4)
        self.error: BaseException | None = None
        self.index_seconds = 0.0
        self.thread = threading.Thread(target=self._run, name="bench-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        drained = False
        try:
            fast_pragmas(True)
            sqlite = connection.vendor == "sqlite"
            if sqlite:
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA foreign_keys=OFF")
            with transaction.atomic():
                indexes = secondary_indexes(self.tables)
                with connection.cursor() as cursor:
                    for name, _sql in indexes:
                        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                while (item := self.queue.get()) is not None:
                    _write(*item)
                drained = True
                began = time.monotonic()
                with connection.cursor() as cursor:
                    if not sqlite:  # check the deferred foreign keys before indexing
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    for _name, sql in indexes:
                        cursor.execute(sql)
                self.index_seconds = time.monotonic() - began
                if sqlite and (problems := _foreign_key_problems(self.tables)):
                    raise RuntimeError(f"rows without their parent: {problems}")
        except BaseException as exc:
            self.error = exc
            while not drained and self.queue.get() is not None:
                pass
        finally:
            connection.close()

    def put(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self.error is not None:
            raise RuntimeError("the bench writer failed") from self.error
        self.queue.put((sql, rows))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise RuntimeError("the bench writer failed") from self.error


def _default(model_field: Any) -> Any:
    if model_field.has_default():
        value = model_field.get_default()
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, dict | list):
            return json.dumps(value)
        return value
    if model_field.null:
        return None
    if model_field.blank and isinstance(model_field, models.CharField | models.TextField):
        return ""
    raise ValueError(f"{model_field.model.__name__}.{model_field.attname} needs a value")


class Sink:
    """Rows for one table, written in batches (``add``), finished with ``close``."""

    def __init__(
        self, model: type[models.Model], attnames: Sequence[str], writer: Writer | None = None
    ) -> None:
        self.writer = writer
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in attnames if name not in fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {unknown}")
        self.extra = [f for name, f in fields.items() if name not in attnames and not f.primary_key]
        self.tail = tuple(_default(f) for f in self.extra)
        columns = [fields[name].column for name in attnames] + [f.column for f in self.extra]
        quote = connection.ops.quote_name
        self.table = str(model._meta.db_table)
        self.model = model
        names = ", ".join(quote(str(c)) for c in columns)
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.sql = f"COPY {quote(self.table)} ({names}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * len(columns))
            self.sql = f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})"  # noqa: S608
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row + self.tail if self.tail else row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.writer is not None:
            self.writer.put(self.sql, self.rows)
        else:
            _write(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> int:
        self.flush()
        return self.count


def next_id(model: type[models.Model]) -> int:
    """The first free id of the model's table."""
    top = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(top or 0) + 1


def reset_sequences(seeded: Sequence[type[models.Model]]) -> None:
    """PostgreSQL identity sequences follow the ids written here (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(seeded)):
            cursor.execute(sql)


class Stamps:
    """Epoch seconds as the database's text form of a UTC time (cached per day)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self._days: dict[int, str] = {}
        self._zone = "+00" if self.postgres else ""

    def day(self, seconds: int) -> str:
        number = seconds // 86400
        text = self._days.get(number)
        if text is None:
            text = (dt.date(1970, 1, 1) + dt.timedelta(days=number)).isoformat()
            self._days[number] = text
        return text

    def at(self, seconds: int | None) -> str | None:
        if seconds is None:
            return None
        number, rest = divmod(seconds, 86400)
        day = self._days.get(number) or self.day(seconds)
        return f"{day} {HMS[rest]}{self._zone}"

    def iso(self, seconds: int) -> str:
        """ISO 8601 text of an aware UTC time (``datetime.isoformat``)."""
        return f"{self.day(seconds)}T{HMS[seconds % 86400]}+00:00"
