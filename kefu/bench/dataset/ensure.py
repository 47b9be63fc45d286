"""Building or reusing a bench dataset (准备压测数据): by fingerprint, in a subprocess.

A SQLite dataset is the directory ``root/sqlite-<fingerprint>/`` (the data directory: the
database, attachments, the manifest); a PostgreSQL dataset is the database
``kefu_bench_<fingerprint>`` on the server of ``postgres_url`` plus the directory
``root/postgres-<fingerprint>/`` (data directory and manifest). A dataset whose manifest
exists is reused at once; one without it is half-built and is dropped and built again.
Seeding runs ``kefu migrate`` and ``kefu bench_seed`` in subprocesses with the dataset's
environment, so the calling process may be configured for any database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db.migrations.loader import MigrationLoader

from kefu.bench.manifest import Manifest, fingerprint

DATABASES = ("sqlite", "postgres")


@dataclass
class Dataset:
    """A seeded dataset: its manifest and the environment that points Kefu at it."""

    manifest: Manifest
    env: dict[str, str] = field(default_factory=dict)


def schema_fingerprint() -> str:
    """A hash of every migration Kefu ships (the schema a dataset was seeded on)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = sorted(f"{app}.{name}" for app, name in loader.disk_migrations)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def database_url(postgres_url: str, name: str) -> str:
    """``postgres_url`` with its database replaced by ``name``."""
    parts = urlsplit(postgres_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _recreate_database(postgres_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _run(args: list[str], env: dict[str, str], log: Callable[[str], None]) -> None:
    full = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    full.update(env, DJANGO_SETTINGS_MODULE="kefu.settings", PYTHONUNBUFFERED="1")
    # Keep the caller's non-database settings (time zone, secret key …).
    for key in ("KEFU_TIME_ZONE", "KEFU_SECRET_KEY"):
        if key in os.environ:
            full[key] = os.environ[key]
    command = [sys.executable, "-m", "kefu.cli", *args]
    with subprocess.Popen(
        command, env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            log(line.rstrip())
        code = process.wait()
    if code:
        raise RuntimeError(f"{' '.join(args[:1])} failed with exit code {code}")


def ensure_dataset(
    database: str,
    work_orders: int,
    *,
    root: Path,
    postgres_url: str = "",
    log: Callable[[str], None] = print,
) -> Dataset:
    """The dataset of ``work_orders`` work orders on ``database`` (sqlite or postgres),
    reused by fingerprint or seeded now."""
    if database not in DATABASES:
        raise ValueError(f"database must be one of {DATABASES}, not {database!r}")
    if database == "postgres" and not postgres_url:
        raise ValueError("a PostgreSQL dataset needs postgres_url (a maintenance URL)")
    mark = fingerprint(database=database, work_orders=work_orders, schema=schema_fingerprint())
    directory = Path(root) / f"{database}-{mark}"
    env = {"KEFU_DATA_DIR": str(directory)}
    if database == "postgres":
        env["KEFU_DATABASE_URL"] = database_url(postgres_url, f"kefu_bench_{mark}")
    manifest = Manifest.read(directory)
    if manifest is not None:
        log(f"reusing dataset {mark} ({work_orders:,} work orders, {database})")
        return Dataset(manifest=manifest, env=env)
    if directory.exists():
        log(f"dropping the half-built dataset {mark}")
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    if database == "postgres":
        _recreate_database(postgres_url, f"kefu_bench_{mark}")
    log(f"seeding dataset {mark}: {work_orders:,} work orders on {database}")
    _run(["migrate", "--noinput", "-v0"], env, log)
    _run(
        ["bench_seed", "--work-orders", str(work_orders), "--fingerprint", mark,
         "--directory", str(directory)],
        env,
        log,
    )  # fmt: skip
    manifest = Manifest.read(directory)
    if manifest is None:
        raise RuntimeError(f"seeding {mark} wrote no manifest")
    return Dataset(manifest=manifest, env=env)
