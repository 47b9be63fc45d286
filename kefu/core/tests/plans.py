"""Query plans for the EXPLAIN tests (查询计划): one line per plan node, on both databases.

On a handful of rows any plan is cheap, so on PostgreSQL the planner is told to avoid what
would be slow on a million rows (``off``: sequential scans by default, and for ordered reads
also sorts and bitmap scans), and the plan shows what it would do with many rows."""

from __future__ import annotations

from typing import Any

from django.db import connection

SEQSCAN = ("enable_seqscan",)
ORDERED = ("enable_seqscan", "enable_sort", "enable_incremental_sort", "enable_bitmapscan")


def plan_of(sql: str, params: Any, off: tuple[str, ...] = SEQSCAN) -> str:
    """The plan of one statement, its nodes joined by `` | ``."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for setting in off:
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return " | ".join(str(row[0]) for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


def queryset_plan(qs: Any, off: tuple[str, ...] = SEQSCAN) -> str:
    """The plan of a queryset's statement."""
    sql, params = qs.query.sql_with_params()
    return plan_of(sql, params, off=off)
