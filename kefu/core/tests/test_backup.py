"""``kefu backup`` and ``kefu restore``: every row and file survives a round trip, a damaged
archive changes nothing, and the backup is consistent while work orders keep being written.

The round trip restores with the real command in another process, configured like a new
server (its own data directory; SQLite: a new file, PostgreSQL: a second database created and
dropped here), and compares each table's row count and a hash of its rows ordered by pk.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from huey.storage import SqliteStorage

from kefu.accounts.models import User
from kefu.core.backup.language import command_language
from kefu.core.backup.manifest import NAME, Manifest, latest_migrations, sha256_of
from kefu.customers.services import create_customer
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import create_ticket
from kefu.tickets.services.records import add_attachment, add_comment
from kefu.tickets.tests.records_helpers import png_bytes

# ---- helpers ----------------------------------------------------------------------------


def tables() -> dict[str, str]:
    """Every installed model's table → its pk column (Kefu apps, auth, sessions …)."""
    found: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            found[model._meta.db_table] = str(model._meta.pk.column)
    return dict(sorted(found.items()))


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def raw_connect(conf: dict[str, Any]) -> Any:
    """A plain DB-API connection (no Django converters), the same kind on both sides."""
    if "sqlite" in conf["ENGINE"]:
        return sqlite3.connect(conf["NAME"])
    import psycopg

    return psycopg.connect(
        host=conf["HOST"],
        port=conf["PORT"] or None,
        user=conf["USER"],
        password=conf["PASSWORD"] or None,
        dbname=conf["NAME"],
    )


def table_digests(conf: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a sha256 of its rows ordered by pk."""
    result: dict[str, tuple[int, str]] = {}
    with closing(raw_connect(conf)) as db:
        cursor = db.cursor()
        for table, pk in tables().items():
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
            rows = cursor.fetchall()
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
            result[table] = (len(rows), digest.hexdigest())
    return result


def file_digests(root: Path) -> dict[str, str]:
    """sha256 of every file below the data entries a backup holds."""
    found: dict[str, str] = {}
    for entry in ("attachments", "files", "imports", "secret_key"):
        base = root / entry
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            found[path.relative_to(root).as_posix()] = sha256_of(path).sha256
    return found


def tree(root: Path) -> dict[str, str]:
    """Every file below ``root`` (anything at all) and its sha256."""
    return {
        p.relative_to(root).as_posix(): sha256_of(p).sha256
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def second_database() -> Iterator[dict[str, Any]]:
    """Settings of an empty database to restore into: a new SQLite file, or a PostgreSQL
    database created here and dropped afterwards."""
    conf = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        yield {**conf, "NAME": ""}  # the restoring process uses DATA_DIR/kefu.sqlite3
        return
    name = f"{conf['NAME']}_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**conf, "NAME": name}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def target_database() -> Iterator[dict[str, Any]]:
    yield from second_database()


def run_restore(archive: Path, data_dir: Path, conf: dict[str, Any], *extra: str) -> Any:
    """Run ``kefu restore`` in a new process configured with ``data_dir`` and ``conf``, in
    English."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_", "LC_", "LANG"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kefu.settings",
            "KEFU_DATA_DIR": str(data_dir),
            "LANG": "en_US.UTF-8",
        }
    )
    if conf["NAME"]:
        auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf.get("PASSWORD") else "")
        env["KEFU_DATABASE_URL"] = f"postgres://{auth}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"
    return subprocess.run(
        [sys.executable, "-m", "kefu.cli", "restore", str(archive), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def restore_elsewhere(archive: Path, data_dir: Path, conf: dict[str, Any], *extra: str) -> str:
    result = run_restore(archive, data_dir, conf, *extra)
    assert result.returncode == 0, result.stderr + result.stdout
    return str(result.stdout)


def _applied() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return [(str(a), str(n)) for a, n in cursor.fetchall()]


def restored_conf(conf: dict[str, Any], data_dir: Path) -> dict[str, Any]:
    if connection.vendor == "sqlite":
        return {**conf, "NAME": str(data_dir / "kefu.sqlite3")}
    return conf


def backup(tmp_path: Path, name: str = "backup.tar.gz") -> Path:
    out = io.StringIO()
    call_command("backup", output=str(tmp_path / name), stdout=out)
    assert "Backup written" in out.getvalue() or "备份" in out.getvalue()
    return tmp_path / name


def rewrite(archive: Path, target: Path, change: Any) -> Path:
    """Copy an archive member by member; ``change(name, data)`` returns new data or None to
    drop the member; it may also add members by returning a dict."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            result = change(member.name, data)
            items = result if isinstance(result, dict) else {member.name: result}
            for name, body in items.items():
                if body is None:
                    continue
                info = tarfile.TarInfo(name)
                info.size = len(body)
                dst.addfile(info, io.BytesIO(body))
    return target


@pytest.fixture
def source(settings: Any, tmp_path: Path) -> Path:
    """The data directory of the server being backed up, with its own task-queue file."""
    root = tmp_path / "source"
    (root / "files" / "logos").mkdir(parents=True)
    (root / "imports").mkdir()
    (root / "files" / "logos" / "客服.png").write_bytes(png_bytes())
    (root / "imports" / "customers.csv").write_text("姓名,手机\n王芳,13800138000\n")
    (root / "secret_key").write_text("a-secret-key-of-this-server")
    settings.DATA_DIR = root
    queue = root / "tasks.sqlite3"
    storage = SqliteStorage(name="kefu", filename=str(queue))
    storage.enqueue(b"\x00\xff")  # a job waiting in the queue
    storage.close()
    settings.HUEY = {**settings.HUEY, "huey_class": "huey.SqliteHuey", "filename": str(queue)}
    return root


def fill(cast: Any, count: int = 6) -> list[Ticket]:
    """Customers and work orders with comments and attachments, through the services."""
    tickets = []
    for i in range(count):
        customer = create_customer(
            actor=cast.agent, data={"name": f"客户{i}", "phone": f"1380013{i:04d}"}
        )
        ticket = create_ticket(
            actor=cast.agent,
            type_code="complaint" if i % 2 else "repair",
            customer=customer,
            channel="phone",
            title=f"空调不制冷 {i} <script>",
        )
        add_comment(actor=cast.agent, ticket=ticket, body=f"已联系客户 {i}", is_internal=i % 2 == 0)
        add_attachment(
            actor=cast.agent, ticket=ticket, content=io.BytesIO(png_bytes()), name=f"现场{i}.png"
        )
        tickets.append(ticket)
    return tickets


# ---- round trip -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_reproduces_every_row_and_every_file(
    cast, source: Path, tmp_path: Path, target_database
):
    fill(cast)
    rows_before = table_digests(connection.settings_dict)
    files_before = file_digests(source)
    assert any(name.startswith("attachments/") for name in files_before)
    assert rows_before[Ticket._meta.db_table][0] == 6

    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = Manifest.from_json(tar.extractfile(NAME).read().decode())  # type: ignore[union-attr]
    assert manifest.vendor == connection.vendor
    assert (
        manifest.migrations["tickets"]
        == latest_migrations((app, name) for app, name in _applied() if app == "tickets")["tickets"]
    )
    assert {f"data/{name}" for name in files_before} <= set(manifest.files)
    assert manifest.queue_file == "queue/tasks.sqlite3"

    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    out = restore_elsewhere(archive, restored_dir, target_database)
    assert "Restored" in out

    assert table_digests(restored_conf(target_database, restored_dir)) == rows_before
    assert file_digests(restored_dir) == files_before
    with closing(sqlite3.connect(restored_dir / "tasks.sqlite3")) as db:
        assert db.execute("SELECT queue, data FROM task").fetchall() == [("kefu", b"\x00\xff")]
    assert not list(restored_dir.glob(".restore-*"))


@pytest.mark.django_db(transaction=True)
def test_restore_over_a_database_with_data_needs_force_and_keeps_what_it_replaced(
    cast, source: Path, tmp_path: Path, target_database
):
    fill(cast, count=2)
    archive = backup(tmp_path)
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    restore_elsewhere(archive, restored_dir, target_database)
    (restored_dir / "files" / "added-later.txt").write_text("written after the restore")

    env_refusal = run_restore(archive, restored_dir, target_database)
    assert env_refusal.returncode != 0
    assert "already holds data (user accounts: 9)" in env_refusal.stderr
    assert "Nothing was changed" in env_refusal.stderr
    assert (restored_dir / "files" / "added-later.txt").exists()

    out = restore_elsewhere(archive, restored_dir, target_database, "--force")
    assert "kept at" in out
    assert not (restored_dir / "files" / "added-later.txt").exists()
    kept = list(restored_dir.glob("before-restore-*/files/added-later.txt"))
    assert len(kept) == 1
    assert file_digests(restored_dir) == file_digests(source)


# ---- damaged or altered archives --------------------------------------------------------


def _flip_attachment(name: str, data: bytes) -> bytes | None:
    return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("data/attachments/") else data


def _add_member(name: str, data: bytes) -> dict[str, bytes]:
    return {name: data, "data/files/planted.html": b"<script>alert(1)</script>"}


def _drop_attachment(name: str, data: bytes) -> bytes | None:
    return None if name.startswith("data/attachments/") else data


def _bad_manifest(name: str, data: bytes) -> bytes | None:
    return b"{not json" if name == NAME else data


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_flip_attachment, "checksum differs"),
        (_add_member, "data/files/planted.html: not in the manifest"),
        (_drop_attachment, "missing"),
        (_bad_manifest, "manifest.json"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_altered_archive_is_refused_and_nothing_changes(
    cast, source: Path, tmp_path: Path, change, problem, monkeypatch
):
    fill(cast, count=2)
    archive = rewrite(backup(tmp_path), tmp_path / "altered.tar.gz", change)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    files_before, rows_before = tree(source), table_digests(connection.settings_dict)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), force=True)

    assert "is damaged or was altered" in str(refused.value)
    assert problem in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert tree(source) == files_before
    assert table_digests(connection.settings_dict) == rows_before
    assert not list(source.glob(".restore-*"))
    assert not list(source.glob("before-restore-*"))


@pytest.mark.django_db(transaction=True)
def test_a_truncated_archive_is_refused(cast, source: Path, tmp_path: Path, monkeypatch):
    archive = backup(tmp_path)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    users = User.objects.count()
    with pytest.raises(CommandError, match="is damaged or was altered"):
        call_command("restore", str(cut), force=True)
    assert User.objects.count() == users


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data_in_chinese_by_default(
    cast, source: Path, tmp_path: Path, monkeypatch
):
    archive = backup(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert "--force" in str(refused.value)
    assert "数据库中已有数据" in str(refused.value)
    assert "未做任何更改" in str(refused.value)


def test_a_missing_archive_is_a_clear_error(settings, tmp_path: Path, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(CommandError, match="There is no backup archive at"):
        call_command("restore", str(tmp_path / "nope.tar.gz"))


# ---- the server keeps writing during the backup -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_work_orders_are_written_is_consistent(
    cast, source: Path, tmp_path: Path, target_database
):
    customer = create_customer(actor=cast.agent, data={"name": "并发客户", "phone": "13900139000"})
    # A few MB of attachments-like files make the backup last long enough to overlap writes.
    (source / "files" / "big.bin").write_bytes(os.urandom(6 * 1024 * 1024))
    stop = threading.Event()
    written: list[str] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                ticket = create_ticket(
                    actor=cast.agent,
                    type_code="complaint",
                    customer=customer,
                    channel="phone",
                    title=f"备份期间的工单 {len(written)}",
                )
                written.append(ticket.number)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5 and thread.is_alive():
            time.sleep(0.01)
        before = len(written)
        archive = backup(tmp_path)
        after = len(written)
        time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors
    assert after > before, "no work order was written while the backup ran"

    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    restore_elsewhere(archive, restored_dir, target_database)
    conf = restored_conf(target_database, restored_dir)
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(conf["NAME"])) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    ticket_table, event_table = Ticket._meta.db_table, TicketEvent._meta.db_table
    with closing(raw_connect(conf)) as db:
        cursor = db.cursor()
        cursor.execute(f'SELECT COUNT(*) FROM "{ticket_table}"')
        tickets = cursor.fetchone()[0]
        created = f"e.kind = '{EventKind.CREATED.value}'"
        cursor.execute(
            f'SELECT COUNT(*) FROM "{ticket_table}" t WHERE NOT EXISTS ('
            f'SELECT 1 FROM "{event_table}" e WHERE e.ticket_id = t.id AND {created})'
        )
        without_created_event = cursor.fetchone()[0]
        cursor.execute(f'SELECT COUNT(*) FROM "{event_table}" e WHERE {created}')
        created_events = cursor.fetchone()[0]
    assert before <= tickets <= after
    assert without_created_event == 0
    assert created_events == tickets


# ---- pure parts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh-hans"),
        ({"LANG": "C.UTF-8"}, "zh-hans"),
        ({}, "zh-hans"),
    ],
)
def test_the_command_language_follows_the_locale(environ, expected):
    assert command_language(environ, "zh-hans") == expected


def test_latest_migration_per_app_is_the_highest_number():
    rows = [("tickets", "0002_b"), ("tickets", "0010_c"), ("tickets", "0001_a"), ("sla", "0001")]
    assert latest_migrations(rows) == {"sla": "0001", "tickets": "0010_c"}


def test_a_manifest_reads_back_what_was_written():
    manifest = Manifest(
        kefu_version="0.1.0",
        created_at="2026-11-23T22:00:00+08:00",
        vendor="sqlite",
        database_file="database/kefu.sqlite3",
        migrations={"tickets": "0006_x"},
    )
    assert Manifest.from_json(manifest.to_json()) == manifest
    with pytest.raises(ValueError, match="format"):
        Manifest.from_json('{"format": 99}')
