"""Private PostgreSQL (私有 PostgreSQL 集群) for ``kefu bench --database postgres``.

A PostgreSQL 15 cluster under ``<root>/postgres`` on 127.0.0.1, with production durability
(fsync and synchronous commit on). It is left running after the bench so the next run
reuses it and its dataset; ``kefu bench --stop-postgres`` stops it (the files stay). When
the caller is root, the server runs as the ``postgres`` user (as scripts/pg-test-cluster does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

BIN = Path(os.environ.get("KEFU_BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
PORT = int(os.environ.get("KEFU_BENCH_PG_PORT", "54339"))
DATABASE = "kefu_bench"
SETTINGS = {
    "fsync": "on",
    "synchronous_commit": "on",
    "full_page_writes": "on",
    "shared_buffers": "1GB",
    "effective_cache_size": "2GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "256MB",
    "max_connections": "100",
    "listen_addresses": "127.0.0.1",
}


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_as_postgres(command), capture_output=True, text=True, check=check)


@dataclass
class Cluster:
    root: Path
    port: int = PORT

    @property
    def data_dir(self) -> Path:
        return self.root / "postgres"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def running(self) -> bool:
        if not (self.data_dir / "PG_VERSION").exists():
            return False
        status = _run([str(BIN / "pg_ctl"), "-D", str(self.data_dir), "status"], check=False)
        return status.returncode == 0

    def ensure(self) -> str:
        """Start the cluster (creating it on first use); its database URL."""
        if self.running():
            return self.url
        if not (self.data_dir / "PG_VERSION").exists():
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(self.data_dir, "postgres", "postgres")
            _run([str(BIN / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8"])  # fmt: skip
        options = " ".join(f"-c {k}={v}" for k, v in SETTINGS.items())
        options += f" -p {self.port} -k {self.data_dir}"
        _run([str(BIN / "pg_ctl"), "-D", str(self.data_dir), "-l",
              str(self.data_dir / "server.log"), "-w", "-o", options, "start"])  # fmt: skip
        listed = _run(
            [str(BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-tAl"]
        )
        if not any(line.split("|", 1)[0] == DATABASE for line in listed.stdout.splitlines()):
            _run([str(BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  DATABASE])  # fmt: skip
        return self.url

    def stop(self) -> bool:
        """Stop the cluster (its files stay); whether it was running."""
        if not self.running():
            return False
        _run([str(BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "stop"])
        return True
