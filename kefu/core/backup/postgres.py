"""PostgreSQL dump and restore (PostgreSQL 转储与恢复): ``pg_dump`` and ``pg_restore``.

Pure: no Django; the connection comes as Django's settings dict. The password goes to the
tools in ``PGPASSWORD`` (so it never shows in ``ps``), the host, port, user and database in the
other ``PG*`` variables. The tools are the ones on ``PATH``, else the newest under
``/usr/lib/postgresql/*/bin`` (Debian's layout).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEBIAN_BIN = Path("/usr/lib/postgresql")


class ToolError(Exception):
    """A PostgreSQL tool is missing or failed; the message holds its error output."""


def find_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        DEBIAN_BIN.glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    raise ToolError(f"{name} not found on PATH nor under {DEBIAN_BIN}/*/bin")


def connection_env(conf: Mapping[str, Any], base: Mapping[str, str]) -> dict[str, str]:
    """The environment that points the tools at the database of ``conf``."""
    env = {k: v for k, v in base.items() if not k.startswith("PG")}
    pairs = {
        "PGHOST": conf.get("HOST"),
        "PGPORT": conf.get("PORT"),
        "PGUSER": conf.get("USER"),
        "PGPASSWORD": conf.get("PASSWORD"),
        "PGDATABASE": conf.get("NAME"),
        "PGSSLMODE": (conf.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ToolError(result.stderr.strip() or f"{command[0]} exited with {result.returncode}")


def dump(conf: Mapping[str, Any], target: Path) -> None:
    """``pg_dump --format=custom`` of the database into ``target`` (one consistent snapshot)."""
    env = connection_env(conf, os.environ)
    _run([find_tool("pg_dump"), "--format=custom", "--file", str(target)], env)


def restore(conf: Mapping[str, Any], dump_file: Path) -> None:
    """Replace the database's objects by the dump's, in one transaction (all or nothing)."""
    env = connection_env(conf, os.environ)
    command = [
        find_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        env.get("PGDATABASE", ""),
        str(dump_file),
    ]
    _run(command, env)
