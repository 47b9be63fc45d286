"""Seeding a bench dataset (生成压测数据): every phase in order, timed, then the manifest.

Runs inside a normal Django setup on the dataset's own database (``kefu bench_seed``), after
``kefu migrate``. Deterministic for a seed and an anchor time: the same seed gives the same
rows relative to the anchor (the hour seeding started).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from kefu.accounts.models import User
from kefu.bench.dataset import extras, people, work
from kefu.bench.dataset.sink import fast_pragmas, reset_sequences
from kefu.bench.manifest import Manifest
from kefu.callbacks.models import CallbackAttempt, CallbackTask
from kefu.customers.models import Customer, GradeChange
from kefu.deadlines.models import Deadline
from kefu.tickets.models import (
    DailySequence,
    SatisfactionRecord,
    Ticket,
    TicketComment,
    TicketEvent,
)

DAYS = 730
SEEDED = (
    Customer, GradeChange, Ticket, TicketEvent, TicketComment, Deadline, SatisfactionRecord,
    CallbackTask, CallbackAttempt, DailySequence,
)  # fmt: skip


@dataclass(frozen=True)
class Scale:
    """How big a dataset is besides its work orders (规模)."""

    work_orders: int
    customers: int
    teams: int
    staff: int
    articles: int

    @classmethod
    def for_work_orders(cls, work_orders: int) -> Scale:
        """1,000,000 work orders: 200,000 customers, 300 staff in 20 teams, 2,000 articles;
        smaller datasets shrink with them (a function of the size alone, so the fingerprint
        still names the whole dataset)."""
        large = work_orders >= 100_000
        return cls(
            work_orders=work_orders,
            customers=min(200_000, max(50, work_orders // 5)),
            teams=20 if large else 4,
            staff=300 if large else 48,
            articles=2_000 if large else 20,
        )


class Phases:
    """Seconds per phase (各阶段耗时)."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # CPU seconds of this process (both threads)
        self.log = log

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.log(f"{name} …")
        began, cpu = time.monotonic(), time.process_time()
        yield
        self.seconds[name] = round(time.monotonic() - began, 1)
        self.cpu[name] = round(time.process_time() - cpu, 1)
        self.log(f"{name}: {self.seconds[name]} s (CPU {self.cpu[name]} s)")


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def last_full_month(now: dt.datetime) -> str:
    first = now.date().replace(day=1)
    previous = first - dt.timedelta(days=1)
    return f"{previous:%Y-%m}"


def seed(
    scale: Scale,
    *,
    fingerprint: str,
    directory: Path,
    seed_value: int = 20261123,
    log: Callable[[str], None] = print,
) -> Manifest:
    """Seed the whole dataset and write its manifest into ``directory``."""
    began = time.monotonic()
    rng = random.Random(seed_value)
    zone = ZoneInfo(settings.TIME_ZONE)
    anchor = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    offset = int(zone.utcoffset(anchor).total_seconds())  # type: ignore[union-attr]
    end = int(anchor.timestamp())
    start = end - DAYS * 86400
    phases = Phases(log)
    fast_pragmas(True)
    try:
        with phases.phase("organisation"), transaction.atomic():
            org = people.seed_org(teams=scale.teams, staff=scale.staff, rng=rng)
        with phases.phase("customers"), transaction.atomic():
            customers = people.seed_customers(
                count=scale.customers, start=start - 365 * 86400, end=start, rng=rng
            )
        with phases.phase("work orders"):  # a writer thread loads them in one transaction
            written = work.seed_work(
                count=scale.work_orders, org=org, customers=customers, start=start, end=end,
                offset=offset, rng=rng, log=log,
            )  # fmt: skip
        reset_sequences(SEEDED)
        manager = User.objects.get(username=org.users["manager"][0])
        with phases.phase("knowledge articles"), transaction.atomic():
            kb_words = extras.seed_articles(count=scale.articles, author=manager, rng=rng)
    finally:
        fast_pragmas(False)
    admin = User.objects.get(username=org.users["admin"][0])
    with phases.phase("survey and tokens"):
        survey = extras.seed_survey(manager)
        agents = [names[0] for names in _agents_by_team(org)]
        agents += [n for n in org.users["agent"] if n not in agents][: max(0, 8 - len(agents))]
        token_users = agents + org.users["supervisor"] + org.users["manager"] + ["admin"]
        tokens = extras.issue_tokens(token_users, issuer=admin)
    with phases.phase("search index"):
        indexed = extras.fill_search_index(log)
    local_now = anchor.astimezone(zone)
    with phases.phase("kpi rollups"):
        first_day = (dt.datetime.fromtimestamp(start, zone)).date()
        rollups = extras.fill_rollups(first_day, local_now.date(), log)
    with phases.phase("analyze"):
        _analyze()
    counts = dict(written.counts)
    counts.update(
        customers=scale.customers, staff=sum(len(v) for v in org.users.values()),
        teams=len(org.teams), articles=scale.articles, open_work_orders=written.open_tickets,
        daily_rollups=rollups, search_indexed=indexed if indexed is not None else -1,
    )  # fmt: skip
    regulars = [pk for pk, n in written.per_customer.most_common(50) if n >= 2]
    last4 = sorted({customers.last4[pk - customers.first_id] for pk in regulars[:50]})
    manifest = Manifest(
        fingerprint=fingerprint,
        database="postgres" if connection.vendor == "postgresql" else "sqlite",
        counts=counts,
        seed_seconds=round(time.monotonic() - began, 1),
        password=people.PASSWORD,
        users={role: sorted(names) for role, names in org.users.items()},
        tokens=tokens,
        team_ids=list(org.teams),
        team_of=dict(org.team_of),
        phone_last4=last4,
        customer_ids=regulars,
        words_zh2=[w for w, _n in written.zh2.most_common(30)],
        words_zh3=[w for w, _n in written.zh3.most_common(20)],
        words_kb=kb_words,
        month=last_full_month(local_now),
        extra={
            "phases": phases.seconds,
            "phases_cpu": phases.cpu,
            "anchor": anchor.isoformat(),
            "seed": seed_value,
            "survey_template": survey,
            "types": dict(written.types),
            "states": dict(sorted(written.states.items())),
            "agents_with_tokens": agents,
        },
    )
    manifest.write(directory)
    return manifest


def _agents_by_team(org: people.Org) -> list[list[str]]:
    names = {pk: name for name, pk in org.user_ids.items()}
    return [[names[pk] for pk in org.agents_of[team]] for team in org.teams]
