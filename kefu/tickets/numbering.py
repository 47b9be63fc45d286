"""Work order numbers (工单编号): type prefix + date + daily sequence, e.g. ``TS20261123-0007``.

The sequence row of (prefix, day) is bumped with one atomic ``UPDATE … SET last = last + 1``
inside the caller's transaction, then read back. The row stays write-locked until the caller
commits (SQLite: the whole database, PostgreSQL: the row), so two transactions can never read
the same value, and a rolled-back creation gives its number back: numbers are unique and
gapless. The first number of a day inserts the row; a concurrent insert loses on the unique
constraint inside a savepoint and retries the update.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F

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
    rows = DailySequence.objects.filter(prefix=prefix, day=day)
    for _attempt in range(3):
        if rows.update(last=F("last") + 1):
            break
        try:
            with transaction.atomic():
                DailySequence.objects.create(prefix=prefix, day=day, last=1)
            break
        except IntegrityError:
            continue  # another transaction issued the day's first number: bump its row
    else:  # pragma: no cover - three lost races in a row means something else is wrong
        raise RuntimeError(f"could not issue a number for {prefix} on {day}")
    last = rows.values_list("last", flat=True).get()
    return format_number(prefix, day, last)
