"""Self-check (自检): the items ``kefu check`` reports, each a small function.

Every item returns ``(status, message)``. ``run_all`` runs them in order and never lets one
broken item hide the others: an unexpected exception becomes a FAIL line for that item.

Apps that keep their own holiday schedule (an editable calendar, later) call
``register_holiday_source``, so that the calendar item also accepts years entered there.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import chinese_calendar
from django.conf import settings
from django.core import checks as django_checks
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from kefu.core import clock

HTMX_ASSET = "vendor/htmx/htmx.min.js"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class Status(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


CheckResult = tuple[Status, str]


@dataclass(frozen=True)
class CheckLine:
    status: Status
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.status.value:<4}  {self.item}: {self.message}"


# ---- database ---------------------------------------------------------------------------


def check_database() -> CheckResult:
    """The database answers; SQLite must run in WAL mode (readers never wait for writers)."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA journal_mode")
                mode = str(cursor.fetchone()[0]).lower()
                cursor.execute("SELECT sqlite_version()")
                version = cursor.fetchone()[0]
            else:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except DatabaseError as exc:
        return Status.FAIL, f"{connection.vendor} not reachable: {exc}"
    if connection.vendor == "sqlite":
        where = connection.settings_dict["NAME"]
        if mode != "wal":
            return Status.FAIL, f"SQLite {version} at {where}: journal_mode={mode}, need wal"
        return Status.OK, f"SQLite {version} at {where}, journal_mode=wal"
    server: Any = getattr(connection, "pg_version", None)
    if connection.vendor == "postgresql" and isinstance(server, int):
        return Status.OK, f"PostgreSQL {server // 10000}.{server % 10000}"
    return Status.OK, connection.vendor


def check_migrations() -> CheckResult:
    """Every migration is applied."""
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return Status.FAIL, f"cannot read the migration state: {exc}"
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        more = f" and {len(plan) - 5} more" if len(plan) > 5 else ""
        return Status.FAIL, f"{len(plan)} not applied ({names}{more}); run: kefu migrate"
    applied = len(executor.loader.applied_migrations)
    return Status.OK, f"all {applied} applied"


def check_django_system() -> CheckResult:
    """Django's own system checks (models, settings, templates, URLs)."""
    messages = django_checks.run_checks(include_deployment_checks=False)
    errors = [m for m in messages if m.level >= django_checks.ERROR and not m.is_silenced()]
    warnings = [m for m in messages if django_checks.WARNING <= m.level < django_checks.ERROR]
    if errors:
        return Status.FAIL, "; ".join(f"{m.id}: {m.msg}" for m in errors[:3])
    if warnings:
        return Status.WARN, "; ".join(f"{m.id}: {m.msg}" for m in warnings[:3])
    return Status.OK, "no issues"


# ---- task queue -------------------------------------------------------------------------


def check_task_queue() -> CheckResult:
    """The Huey storage answers (nothing is enqueued)."""
    from huey.contrib.djhuey import HUEY  # imported here: it reads settings on import

    kind = type(HUEY).__name__
    if getattr(HUEY, "immediate", False):
        return (
            Status.WARN,
            f"{kind} runs tasks immediately in the web process (KEFU_TASKS_IMMEDIATE)",
        )
    try:
        pending = int(HUEY.pending_count())
        scheduled = int(HUEY.scheduled_count())
    except Exception as exc:  # any storage backend, any connection error
        return Status.FAIL, f"{kind} storage not reachable: {exc}"
    return Status.OK, f"{kind}: {pending} pending, {scheduled} scheduled"


# ---- static files -----------------------------------------------------------------------


def check_static_assets() -> CheckResult:
    """collectstatic has run: the manifest exists and names the vendored htmx."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return Status.FAIL, f"{manifest} missing; run: kefu collectstatic --noinput"
    try:
        paths = json.loads(manifest.read_text(encoding="utf-8")).get("paths", {})
    except (OSError, ValueError) as exc:
        return Status.FAIL, f"{manifest} unreadable: {exc}"
    if HTMX_ASSET not in paths:
        return Status.FAIL, f"{HTMX_ASSET} not collected; run: npm ci && kefu collectstatic"
    return Status.OK, f"{len(paths)} files in {settings.STATIC_ROOT}"


# ---- mail -------------------------------------------------------------------------------


def check_smtp() -> CheckResult:
    """The SMTP host accepts a connection. Mail is optional, so this only warns."""
    backend = settings.EMAIL_BACKEND
    if backend != SMTP_BACKEND:
        return Status.OK, f"mail goes to {backend.rsplit('.', 2)[-2]} (no SMTP)"
    host, port = settings.EMAIL_HOST, settings.EMAIL_PORT
    try:
        with socket.create_connection((host, port), timeout=3):
            pass
    except OSError as exc:
        return Status.WARN, f"{host}:{port} not reachable ({exc}); mail will not be sent"
    return Status.OK, f"{host}:{port} reachable"


# ---- holiday calendar -------------------------------------------------------------------

# A source returns a short description of the schedule it holds for a year, or None.
HolidaySource = Callable[[int], str | None]
_holiday_sources: list[HolidaySource] = []


def register_holiday_source(source: HolidaySource) -> None:
    if source not in _holiday_sources:
        _holiday_sources.append(source)


def unregister_holiday_source(source: HolidaySource) -> None:
    if source in _holiday_sources:
        _holiday_sources.remove(source)


def chinese_calendar_coverage(year: int) -> str | None:
    """The statutory holidays and adjusted working days of ``year`` in chinese-calendar."""
    try:
        chinese_calendar.is_holiday(date(year, 1, 1))
    except NotImplementedError:
        return None
    holidays = [d for d in chinese_calendar.holidays if d.year == year]
    workdays = [d for d in chinese_calendar.workdays if d.year == year]
    # ``holidays`` holds the festival days off (with the weekends inside a festival);
    # ``workdays`` the weekend days that become working days (调休).
    return (
        f"{len(holidays)} days off for statutory holidays and {len(workdays)} adjusted"
        " working days (调休) from chinese-calendar"
    )


def check_holiday_calendar(year: int) -> CheckResult:
    """The official holiday schedule of ``year`` is known, so working-day deadlines are right."""
    for source in (chinese_calendar_coverage, *_holiday_sources):
        found = source(year)
        if found:
            return Status.OK, found
    return Status.WARN, (
        f"the official holiday schedule of {year} (with its adjusted working days 调休) is not"
        " published in chinese-calendar yet; enter it in the console"
    )


# ---- all items --------------------------------------------------------------------------


def items() -> list[tuple[str, Callable[[], CheckResult]]]:
    """The self-check items in the order they are reported."""
    year = clock.today().year
    return [
        ("database", check_database),
        ("migrations", check_migrations),
        ("system checks", check_django_system),
        ("task queue", check_task_queue),
        ("static assets", check_static_assets),
        ("smtp", check_smtp),
        (f"holiday calendar {year}", lambda: check_holiday_calendar(year)),
        (f"holiday calendar {year + 1}", lambda: check_holiday_calendar(year + 1)),
    ]


def run_all() -> list[CheckLine]:
    lines = []
    for item, check in items():
        try:
            status, message = check()
        except Exception as exc:  # one broken item must not hide the others
            status, message = Status.FAIL, f"{type(exc).__name__}: {exc}"
        lines.append(CheckLine(status, item, message))
    return lines
