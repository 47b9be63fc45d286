"""Bench dataset (压测数据集): a small dataset seeded for real, then read back and checked.

The dataset lives in its own SQLite file (not the test database): the checks read it with
``sqlite3`` and run Kefu's own code on it in a subprocess, as ``kefu bench`` would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kefu.bench import dataset as bench_dataset
from kefu.bench.dataset import ensure
from kefu.bench.dataset.seed import SEEDED
from kefu.bench.manifest import Manifest, fingerprint
from kefu.core.pinyin import pinyin_keys
from kefu.customers import grading
from kefu.customers.cells import normalize_phone_fast
from kefu.tickets.workflow import from_dict

WORK_ORDERS = 300


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> bench_dataset.Dataset:
    root = tmp_path_factory.mktemp("bench")
    lines: list[str] = []
    found = bench_dataset.ensure_dataset("sqlite", WORK_ORDERS, root=root, log=lines.append)
    assert any("seeding dataset" in line for line in lines)
    return found


@pytest.fixture
def db(seeded: bench_dataset.Dataset) -> Iterator[sqlite3.Connection]:
    path = Path(seeded.env["KEFU_DATA_DIR"]) / "kefu.sqlite3"
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def _workflows(db: sqlite3.Connection) -> dict[int, Any]:
    rows = db.execute("SELECT id, definition FROM tickets_workflowversion").fetchall()
    return {pk: from_dict(json.loads(text)) for pk, text in rows}


def test_dataset_lives_in_its_fingerprint_directory_as_a_wal_database(
    seeded: bench_dataset.Dataset, db: sqlite3.Connection
) -> None:
    directory = Path(seeded.env["KEFU_DATA_DIR"])
    assert directory.name == f"sqlite-{seeded.manifest.fingerprint}"
    assert "KEFU_DATABASE_URL" not in seeded.env
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # Secondary indexes dropped for the load are all back (the queue index among them).
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    declared = {index.name for model in SEEDED for index in model._meta.indexes}
    assert "tickets_queue_idx" in declared
    assert declared <= names


def test_every_state_is_one_of_its_workflow_and_matches_the_status_category(
    db: sqlite3.Connection,
) -> None:
    workflows = _workflows(db)
    rows = db.execute(
        "SELECT t.workflow_version_id, t.state, t.status_category, y.code"
        " FROM tickets_ticket t JOIN tickets_tickettype y ON y.id = t.ticket_type_id"
    ).fetchall()
    assert len(rows) == WORK_ORDERS
    for version_id, state, category, type_code in rows:
        workflow = workflows[version_id]
        assert workflow.type_code == type_code
        found = workflow.state(state)
        assert found is not None, (type_code, state)
        assert found.category.value == category
    types = {r[0] for r in db.execute("SELECT DISTINCT ticket_type_id FROM tickets_ticket")}
    assert len(types) == 5
    closed = db.execute(
        "SELECT COUNT(*) FROM tickets_ticket WHERE status_category IN ('resolved', 'closed')"
    ).fetchone()[0]
    assert 0.85 * WORK_ORDERS <= closed < WORK_ORDERS


def test_events_chain_from_creation_to_the_current_state(db: sqlite3.Connection) -> None:
    workflows = _workflows(db)
    tickets = {
        pk: (version, state, created)
        for pk, version, state, created in db.execute(
            "SELECT id, workflow_version_id, state, created_at FROM tickets_ticket"
        )
    }
    events: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in db.execute(
        "SELECT ticket_id, kind, from_state, to_state, transition, at FROM tickets_ticketevent"
        " ORDER BY ticket_id, id"
    ):
        events[row[0]].append(row[1:])
    assert sum(len(v) for v in events.values()) >= 3 * WORK_ORDERS
    for pk, (version, state, created) in tickets.items():
        workflow = workflows[version]
        history = events[pk]
        kind, _source, target, _step, at = history[0]
        assert (kind, target, at) == ("created", workflow.initial.code, created)
        current, last = target, at
        for kind, source, target, step, at in history[1:]:
            assert at >= last, pk
            last = at
            if kind == "transition":
                move = workflow.transition(step)
                assert move is not None
                assert source == current
                assert current in move.sources
                assert target == move.target
                current = target
        assert current == state, pk


def test_milestones_follow_the_events(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT t.id, t.status_category, t.first_response_at, t.resolved_at, t.closed_at,"
        " (SELECT MIN(at) FROM tickets_ticketevent e WHERE e.ticket_id = t.id"
        "  AND e.kind = 'transition') FROM tickets_ticket t"
    ).fetchall()
    for _pk, category, first, resolved, closed, first_step in rows:
        if category != "new":
            assert first == first_step
        assert (resolved is not None) == (category in ("resolved", "closed"))
        assert (closed is not None) == (category == "closed")
        if closed:
            assert first <= resolved <= closed


def test_open_work_orders_have_running_deadlines_and_next_due(db: sqlite3.Connection) -> None:
    per_ticket = db.execute(
        "SELECT COUNT(*) FROM deadlines_deadline GROUP BY ticket_id HAVING COUNT(*) != 2"
    ).fetchall()
    assert per_ticket == []
    rows = db.execute(
        "SELECT t.id, t.status_category, t.next_due_at,"
        " (SELECT MIN(due_at) FROM deadlines_deadline d WHERE d.ticket_id = t.id"
        "  AND d.is_open AND d.due_at IS NOT NULL),"
        " (SELECT COUNT(*) FROM deadlines_deadline d WHERE d.ticket_id = t.id AND d.is_open)"
        " FROM tickets_ticket t"
    ).fetchall()
    open_rows = [r for r in rows if r[1] not in ("resolved", "closed")]
    assert open_rows, "some work orders are open"
    for _pk, category, next_due, earliest, running in rows:
        assert next_due == earliest
        if category in ("resolved", "closed"):
            assert running == 0
        else:
            assert running >= 1
    # Closed work orders left met deadlines, some of them late (KPIs have both).
    met, late = db.execute(
        "SELECT COUNT(*), SUM(breached_at IS NOT NULL) FROM deadlines_deadline"
        " WHERE met_at IS NOT NULL AND used_minutes IS NOT NULL"
    ).fetchone()
    assert met > WORK_ORDERS
    assert 0 < late < met


def test_numbers_follow_the_numbering_and_sequences_continue(
    seeded: bench_dataset.Dataset, db: sqlite3.Connection
) -> None:
    numbers = [r[0] for r in db.execute("SELECT number FROM tickets_ticket")]
    assert len(set(numbers)) == len(numbers)
    highest: dict[tuple[str, str], int] = {}
    for number in numbers:
        match = re.fullmatch(r"([A-Z]{2})(\d{4})(\d{2})(\d{2})-(\d{4,})", number)
        assert match, number
        key = (match[1], f"{match[2]}-{match[3]}-{match[4]}")
        highest[key] = max(highest.get(key, 0), int(match[5]))
    stored = {(p, d): last for p, d, last in db.execute(
        "SELECT prefix, day, last FROM tickets_dailysequence")}  # fmt: skip
    assert stored == highest
    agent = seeded.manifest.users["agent"][0]
    code = (
        "from kefu.accounts.models import User\n"
        "from kefu.customers.models import Customer\n"
        "from kefu.tickets.services import create_ticket\n"
        "from kefu.tickets.models import Ticket\n"
        f"user = User.objects.get(username={agent!r})\n"
        "customer = Customer.objects.order_by('id').first()\n"
        "ticket = None\n"
        "for _ in range(2):\n"
        "    ticket = create_ticket(actor=user, type_code='consultation', customer=customer,\n"
        "                           channel='phone', title='热水器漏水')\n"
        "print(ticket.number, Ticket.objects.filter(number=ticket.number).count())\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(seeded.env, DJANGO_SETTINGS_MODULE="kefu.settings")
    done = subprocess.run(
        [sys.executable, "-m", "kefu.cli", "shell", "-c", code],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    number, count = done.stdout.split()[-2:]
    assert count == "1"
    assert number not in numbers
    prefix, day = number[:2], f"{number[2:6]}-{number[6:8]}-{number[8:10]}"
    assert int(number.split("-")[1]) == highest.get((prefix, day), 0) + 2


def test_customers_derived_fields_are_filled_as_the_service_fills_them(
    db: sqlite3.Connection,
) -> None:
    thresholds = [
        grading.Threshold(grade=g, min_spend=Decimal(str(s)), min_visits=v)
        for g, s, v in db.execute(
            "SELECT grade, min_spend_12m, min_visits_12m FROM customers_graderule"
        )
    ]
    rows = db.execute(
        "SELECT id, name, name_pinyin, name_initials, phone, phone_last4, spend_12m,"
        " visits_12m, grade FROM customers_customer"
    ).fetchall()
    assert len(rows) >= 50
    phones = [r[4] for r in rows]
    assert len(set(phones)) == len(phones)
    for _pk, name, full, initials, phone, last4, spend, visits, grade in rows:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name)
        assert (full, initials) == pinyin_keys(name)
        assert normalize_phone_fast(phone) == phone
        assert last4 == phone[-4:]
        expected = grading.compute_grade(
            spend=Decimal(str(spend)), visits=visits, thresholds=thresholds
        )
        assert grade == expected
    changes = db.execute("SELECT COUNT(DISTINCT customer_id) FROM customers_gradechange")
    assert changes.fetchone()[0] == len(rows)


def test_manifest_holds_real_values(seeded: bench_dataset.Dataset, db: sqlite3.Connection) -> None:
    manifest = seeded.manifest
    assert manifest.counts["work_orders"] == WORK_ORDERS
    # (Another test opens work orders afterwards: count the seeded ones only.)
    assert (
        manifest.counts["events"]
        == db.execute(
            "SELECT COUNT(*) FROM tickets_ticketevent WHERE ticket_id <"
            " (SELECT MIN(id) FROM tickets_ticket) + ?",
            [WORK_ORDERS],
        ).fetchone()[0]
    )
    assert len(manifest.users["agent"]) >= 8
    assert len(manifest.users["supervisor"]) >= 2
    agents_with_tokens = [u for u in manifest.users["agent"] if u in manifest.tokens]
    assert len(agents_with_tokens) >= 8
    hashes = {r[0] for r in db.execute("SELECT key_hash FROM accounts_apitoken")}
    from kefu.accounts.services import hash_token

    assert all(hash_token(secret) in hashes for secret in manifest.tokens.values())
    for supervisor, team in manifest.team_of.items():
        leader = db.execute(
            "SELECT u.username FROM org_team t JOIN org_staff s ON s.id = t.leader_id"
            " JOIN accounts_user u ON u.id = s.user_id WHERE t.id = ?",
            [team],
        ).fetchone()
        assert leader == (supervisor,)
    assert set(manifest.team_ids) == set(manifest.team_of.values())
    for last4 in manifest.phone_last4:
        assert db.execute(
            "SELECT COUNT(*) FROM customers_customer WHERE phone_last4 = ?", [last4]
        ).fetchone()[0]
    for customer in manifest.customer_ids:
        assert (
            db.execute(
                "SELECT COUNT(*) FROM tickets_ticket WHERE customer_id = ?", [customer]
            ).fetchone()[0]
            >= 2
        )
    for word in manifest.words_zh2[:5] + manifest.words_zh3[:5]:
        assert db.execute(
            "SELECT COUNT(*) FROM tickets_ticket WHERE title LIKE ? OR description LIKE ?",
            [f"%{word}%", f"%{word}%"],
        ).fetchone()[0], word
    assert manifest.words_kb
    for word in manifest.words_kb:
        assert db.execute(
            "SELECT COUNT(*) FROM kb_articletoken WHERE token = ?", [word]
        ).fetchone()[0], word
    month = manifest.month
    assert re.fullmatch(r"\d{4}-\d{2}", month)
    assert db.execute(
        "SELECT COUNT(*) FROM kpis_dailyrollup WHERE strftime('%Y-%m', day) = ?", [month]
    ).fetchone()[0]
    assert set(manifest.extra["phases"]) >= {"work orders", "customers", "kpi rollups"}


def test_every_day_is_rolled_up_with_its_minute_histograms(db: sqlite3.Connection) -> None:
    """The rollups are dealt out to several processes: no window may be lost or doubled."""
    first, last, rolled = db.execute(
        "SELECT MIN(day), MAX(day), COUNT(*) FROM kpis_dailyrollup WHERE dimension = 'all'"
    ).fetchone()
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    assert rolled == span > 700
    responses = 0
    for (stored,) in db.execute(
        "SELECT histograms FROM kpis_dailyrollup WHERE dimension = 'all'"
    ).fetchall():
        responses += sum(rows for _minutes, rows in json.loads(stored).get("fr_calendar", []))
    counted = db.execute(
        "SELECT SUM(fr_calendar_count) FROM kpis_dailyrollup WHERE dimension = 'all'"
    )
    assert responses == counted.fetchone()[0] > 0


def test_same_fingerprint_is_reused_without_seeding(
    seeded: bench_dataset.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("seeded again")

    monkeypatch.setattr(ensure, "_run", refuse)
    root = Path(seeded.env["KEFU_DATA_DIR"]).parent
    lines: list[str] = []
    again = bench_dataset.ensure_dataset("sqlite", WORK_ORDERS, root=root, log=lines.append)
    assert again.manifest == seeded.manifest
    assert again.env == seeded.env
    assert lines == [f"reusing dataset {seeded.manifest.fingerprint} (300 work orders, sqlite)"]


def test_half_built_dataset_is_dropped_and_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_run(args: list[str], env: dict[str, str], log: Any) -> None:
        calls.append(args)
        directory = Path(env["KEFU_DATA_DIR"])
        assert not (directory / "left-over.sqlite3").exists()
        if args[0] == "bench_seed":
            Manifest(fingerprint="x", database="sqlite", counts={}, seed_seconds=0,
                     password="p").write(directory)  # fmt: skip

    monkeypatch.setattr(ensure, "_run", fake_run)
    mark = fingerprint(database="sqlite", work_orders=120, schema=ensure.schema_fingerprint())
    half = tmp_path / f"sqlite-{mark}"
    half.mkdir()
    (half / "left-over.sqlite3").write_text("half")
    built = bench_dataset.ensure_dataset("sqlite", 120, root=tmp_path, log=lambda _l: None)
    assert [c[0] for c in calls] == ["migrate", "bench_seed"]
    assert "120" in calls[1]
    assert built.env == {"KEFU_DATA_DIR": str(half)}
    assert not (half / "left-over.sqlite3").exists()


@pytest.mark.skipif(not os.environ.get("KEFU_PG_URL"), reason="needs KEFU_PG_URL")
def test_postgres_dataset_is_seeded_in_its_own_database(tmp_path: Path) -> None:
    import psycopg

    found = bench_dataset.ensure_dataset(
        "postgres", 120, root=tmp_path, postgres_url=os.environ["KEFU_PG_URL"], log=print
    )
    url = found.env["KEFU_DATABASE_URL"]
    assert url.endswith(f"/kefu_bench_{found.manifest.fingerprint}")
    with psycopg.connect(url) as conn:
        tickets, numbers, events = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT number),"
            " (SELECT COUNT(*) FROM tickets_ticketevent) FROM tickets_ticket"
        ).fetchone()  # type: ignore[misc]
        wrong_due = conn.execute(
            "SELECT COUNT(*) FROM tickets_ticket t WHERE t.next_due_at IS DISTINCT FROM"
            " (SELECT MIN(due_at) FROM deadlines_deadline d WHERE d.ticket_id = t.id"
            "  AND d.is_open AND d.due_at IS NOT NULL)"
        ).fetchone()
        # Identity sequences follow the generated ids: the next insert gets a free id.
        top = conn.execute("SELECT MAX(id) FROM tickets_ticketevent").fetchone()
        following = conn.execute(
            "SELECT nextval(pg_get_serial_sequence('tickets_ticketevent', 'id'))"
        ).fetchone()
        conn.rollback()
    assert (tickets, numbers) == (120, 120)
    assert events == found.manifest.counts["events"]
    assert wrong_due == (0,)
    assert top is not None
    assert following is not None
    assert following[0] > top[0]
    assert found.manifest.database == "postgres"


def test_unknown_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="database must be one of"):
        bench_dataset.ensure_dataset("mysql", 10, root=tmp_path)
    with pytest.raises(ValueError, match="postgres_url"):
        bench_dataset.ensure_dataset("postgres", 10, root=tmp_path)
    assert list(tmp_path.iterdir()) == []
