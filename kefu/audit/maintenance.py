"""Audit maintenance window (审计维护): lets the database triggers accept a flush or restore.

Used by the test suite (flushing between transactional tests) and by restore; application
code never calls it.
"""

from __future__ import annotations

from django.db import connection


def unlock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_maintenance")
        cursor.execute("INSERT INTO audit_maintenance (unlocked) VALUES (1)")


def lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_maintenance")
