"""Open due times (到期时间) of a page of work orders, read in one plain statement.

Every work order the API shows carries its open due times, so this runs on every API read and
write of a work order. The statement is fixed (only the number of ids varies), so it is
written once instead of being compiled by the ORM on each call; values go through the
database backend's own converters (SQLite stores times as text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db import connection

from kefu.deadlines.models import Deadline

Converter = Callable[[Any, Any, Any], Any]


@cache
def _statement_parts() -> tuple[str, str, str, str, str]:
    """The table and its columns (ticket, kind, due time, open), quoted for the backend."""
    q = connection.ops.quote_name
    return (q(Deadline._meta.db_table), q("ticket_id"), q("kind"), q("due_at"), q("is_open"))


def _due_converters() -> tuple[Any, list[Converter]]:
    field: Any = Deadline._meta.get_field("due_at")
    column = field.get_col(Deadline._meta.db_table)
    backend = connection.ops.get_db_converters(column)
    return column, [*backend, *column.get_db_converters(connection)]


def open_dues(ticket_ids: list[int]) -> dict[int, dict[str, dt.datetime | None]]:
    """The earliest open due time per work order and kind (各类到期时间), in one query."""
    dues: dict[int, dict[str, dt.datetime | None]] = {}
    ids = [int(pk) for pk in ticket_ids]
    if not ids:
        return dues
    table, ticket, kind, due_at, is_open = _statement_parts()
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {ticket}, {kind}, {due_at} FROM {table}"  # noqa: S608 - names and marks only
        f" WHERE {is_open} AND {ticket} IN ({marks}) ORDER BY {due_at}"
    )
    column, converters = _due_converters()
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        rows = cursor.fetchall()
    for ticket_id, kind_code, value in rows:
        for convert in converters:
            value = convert(value, column, connection)
        dues.setdefault(ticket_id, {}).setdefault(kind_code, value)
    return dues
