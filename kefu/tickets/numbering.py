"""Work order numbers (工单编号): type prefix + date + daily sequence, e.g. ``TS20261123-0007``.

The sequence row of (prefix, day) is bumped with one atomic
``UPDATE … SET last = last + 1 … RETURNING last`` inside the caller's transaction (SQLite
3.35+ and PostgreSQL give the new value in the same statement). The row stays write-locked
until the caller commits (SQLite: the whole database, PostgreSQL: the row), so two
transactions can never read the same value, and a rolled-back creation gives its number back:
numbers are unique and gapless. The first number of a day inserts the row; a concurrent insert
loses on the unique constraint inside a savepoint and retries the update.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, connection, transaction

from kefu.tickets.models import DailySequence


def format_number(prefix: str, day: date, sequence: int) -> str:
    """``TS20261123-0007``: four digits at least, more once a day passes 9,999."""
    return f"{prefix}{day:%Y%m%d}-{sequence:04d}"


def next_number(prefix: str, day: date) -> str:
    """Issue the next work order number (取号) for ``prefix`` on ``day``.

    Must run inside the caller's transaction (the one that saves the work order).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    q = connection.ops.quote_name
    table, last, prefix_, day_ = (q(DailySequence._meta.db_table), q("last"), q("prefix"), q("day"))
    # Quoted identifiers only; the values are parameters.
    bump = f"UPDATE {table} SET {last} = {last} + 1 WHERE {prefix_} = %s AND {day_} = %s"  # noqa: S608
    bump += f" RETURNING {last}"
    params = (prefix, connection.ops.adapt_datefield_value(day))
    for _attempt in range(3):
        with connection.cursor() as cursor:
            cursor.execute(bump, params)
            row = cursor.fetchone()
        if row is not None:
            return format_number(prefix, day, int(row[0]))
        try:
            with transaction.atomic():
                DailySequence.objects.create(prefix=prefix, day=day, last=1)
            return format_number(prefix, day, 1)
        except IntegrityError:
            continue  # another transaction issued the day's first number: bump its row
    raise RuntimeError(  # pragma: no cover - three lost races in a row: something else is wrong
        f"could not issue a number for {prefix} on {day}"
    )
