"""Bench dataset manifest (压测数据清单): what the seeder wrote and the runner needs.

Pure (no Django). The seeder writes ``manifest.json`` next to the dataset once seeding has
finished (a dataset without it is incomplete and is rebuilt); the runner reads it to know
whom to log in as and what to ask for. Every list holds real values from the dataset.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Bump when the generated data changes shape: a different version means a new dataset.
DATASET_VERSION = 1
FILENAME = "manifest.json"


def fingerprint(*, database: str, work_orders: int, schema: str) -> str:
    """The dataset's identity: generator version, size, database kind and migration state."""
    raw = f"v{DATASET_VERSION}|{database}|{work_orders}|{schema}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


@dataclass
class Manifest:
    fingerprint: str
    database: str  # "sqlite" or "postgres"
    counts: dict[str, int]  # work_orders, events, customers, staff, teams, articles, …
    seed_seconds: float
    password: str  # every seeded staff login has this password
    # role → usernames (agent, supervisor, manager, admin …): at least 8 agents, one
    # supervisor per team; tokens: username → API bearer secret (one per agent at least).
    users: dict[str, list[str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    team_ids: list[int] = field(default_factory=list)
    # supervisor username → the team id whose queue they read.
    team_of: dict[str, int] = field(default_factory=dict)
    phone_last4: list[str] = field(default_factory=list)  # last 4 digits that match customers
    customer_ids: list[int] = field(default_factory=list)  # customers with several work orders
    words_zh2: list[str] = field(default_factory=list)  # two-character words in work orders
    words_zh3: list[str] = field(default_factory=list)  # three-character words in work orders
    words_kb: list[str] = field(default_factory=list)  # words found in knowledge articles
    month: str = ""  # "YYYY-MM": a full month inside the data, for kpi_month/dashboard_month
    extra: dict[str, Any] = field(default_factory=dict)

    def write(self, directory: Path) -> Path:
        path = directory / FILENAME
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def read(cls, directory: Path) -> Manifest | None:
        path = directory / FILENAME
        if not path.exists():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))
