"""``kefu trust load`` small: real gunicorn + Huey, client processes over HTTP, kill -9.

The runs use the suite's own database (SQLite file or PostgreSQL), so they prove the same
thing on whichever database the suite runs on. The checker itself is tested first: it must
notice a missing work order, a state without its event and an escalation sent twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection

from kefu.core.trust.checks import check
from kefu.core.trust.load import LoadOptions, run_load
from kefu.core.trust.soak import SoakOptions, run_soak
from kefu.customers.services import create_customer
from kefu.customers.tests.test_background_import import database_url
from kefu.surveys.demo import ensure_demo_surveys
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import apply_transition, create_ticket

pytestmark = pytest.mark.django_db(transaction=True)


def _quiet(message: str) -> None:
    pass


def _log(path: Path, *records: dict[str, object]) -> None:
    with path.open("a", encoding="utf-8") as log:
        for record in records:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_the_checker_finds_missing_half_applied_and_twice_sent_writes(cast, tmp_path):
    customer = create_customer(actor=cast.agent, data={"name": "核对客户", "phone": "13900139001"})
    good = create_ticket(actor=cast.agent, type_code="complaint", customer=customer,
                         channel="phone", title="t1 c0 n1")  # fmt: skip
    apply_transition(actor=cast.agent, ticket=good, transition="classify",
                     fields={"category": "服务态度"})  # fmt: skip
    half = create_ticket(actor=cast.agent, type_code="complaint", customer=customer,
                         channel="phone", title="t1 c0 n2")  # fmt: skip
    # A state written without its event: what a transition that stopped half-way leaves.
    Ticket.objects.filter(pk=half.pk).update(state="classified")
    for _ in range(2):  # the same escalation appended twice
        TicketEvent.objects.create(
            ticket=good,
            at=good.created_at,
            kind="escalation",
            data={"deadline": "first_response", "ref": "", "stage": 2},
        )
    _log(
        tmp_path / "client-00.jsonl",
        {"op": "create", "status": 201, "title": "t1 c0 n1", "number": good.number,
         "state": "received"},
        {"op": "transition", "status": 200, "number": good.number, "transition": "classify",
         "target": "classified", "state": "classified"},
        {"op": "create", "status": 201, "title": "t1 c0 n2", "number": half.number,
         "state": "received"},
        {"op": "create", "status": 201, "title": "t1 c0 n3", "number": "TS20990101-0001",
         "state": "received"},
        {"op": "create", "status": 500, "title": "t1 c0 n4"},
    )  # fmt: skip
    result = check(log_dir=tmp_path, tag="t1", watch_numbers=[], wait_seconds=0)
    assert (result["acknowledged"], result["found"], result["missing"]) == (3, 2, 1)
    assert result["missing_numbers"] == ["TS20990101-0001"]
    assert result["half_applied_numbers"] == [half.number]
    assert result["lost_transitions"] == 1  # acknowledged "received", found "classified"
    assert result["transitions_without_event"] == 0
    assert result["sent_twice"] == 1
    assert result["5xx"] == 1
    assert result["problems"] == [
        "1 acknowledged work orders missing",
        "1 server errors (5xx)",
        "1 work orders not in an acknowledged state",
        "1 half-applied work orders (state and events disagree)",
        "1 warnings or escalations sent twice",
    ]


def test_four_clients_open_and_walk_work_orders_losing_nothing(cast, tmp_path):
    result = run_load(
        LoadOptions(processes=4, each=25, database_url=database_url(), work_dir=tmp_path, seed=1),
        say=_quiet,
    )
    assert result["database"] == ("postgresql" if connection.vendor == "postgresql" else "sqlite")
    assert result["problems"] == [], result
    assert result["acknowledged"] == result["found"] == 100
    assert result["transitions_acknowledged"] == 200  # classify and forward, each acknowledged
    assert (result["5xx"], result["half_applied"], result["duplicates"]) == (0, 0, 0)
    assert result["log_errors"]["web.log"]["count"] == 0
    tag = json.loads((tmp_path / "logs" / "client-00.json").read_text())["tag"]
    run = Ticket.objects.filter(title__startswith=f"{tag} ")
    assert run.count() == 100
    assert set(run.values_list("state", flat=True)) == {"forwarded"}
    assert TicketEvent.objects.filter(ticket__in=run, kind="transition").count() == 200


def test_kill_9_of_server_and_consumer_mid_run_loses_no_acknowledged_write(cast, tmp_path):
    ensure_demo_surveys(cast.manager)  # the clients send each work order's survey by email
    result = run_load(
        LoadOptions(processes=4, each=25, database_url=database_url(), kill=True,
                    work_dir=tmp_path, seed=2),
        say=_quiet,
    )  # fmt: skip
    [kill] = result["kill"]
    assert kill["victims"] == 4  # gunicorn master, two workers, the Huey consumer
    assert result["problems"] == [], result
    assert result["acknowledged"] == result["found"] == 100
    assert (result["5xx"], result["half_applied"], result["lost_transitions"]) == (0, 0, 0)
    # The restarted consumer's watcher escalated every expired deadline, each once.
    assert result["watched"] == result["watched_escalated"] == 6
    assert result["sent_twice"] == 0
    watched = Ticket.objects.filter(title__contains="-watch ")
    assert TicketEvent.objects.filter(ticket__in=watched, kind="escalation").count() == 6
    # Email jobs queued before the kill ran after the restart; no email went out twice.
    mail, jobs = result["mail"], result["jobs"]
    assert mail["invitations"] == 100 == mail["invitations_acknowledged"]
    assert mail["emails_twice"] == mail["emails_missing"] == 0
    # A send cut off by the kill is not repeated (at most once): its email may or may not
    # have reached the SMTP server; at most one per consumer thread.
    cut_off_unsent = mail["interrupted_sends"] - mail["interrupted_sends_received"]
    assert mail["emails_once"] + cut_off_unsent == 100
    assert mail["interrupted_sends"] <= 2
    assert mail["deliveries"].get("queued", 0) == 0
    assert jobs["queued_never_ran"] == [] == jobs["ran_twice"]
    assert jobs["queued_ran_after_restart"] == jobs["queued_at_kill"]
    assert jobs["running_at_kill_rerun"] == 0  # Huey does not retry a job cut off by a kill


def test_a_short_soak_samples_every_process_and_finds_no_error(cast, tmp_path):
    result = run_soak(
        SoakOptions(minutes=0.3, rate=8, sample_seconds=5, database_url=database_url(),
                    work_dir=tmp_path),
        say=_quiet,
    )  # fmt: skip
    assert result["problems"] == [], result
    assert set(result["rss_kib"]) == {
        "gunicorn master", "gunicorn worker 1", "gunicorn worker 2", "huey consumer"
    }  # fmt: skip
    for memory in result["rss_kib"].values():
        assert memory["samples"] >= 3
        assert 10_000 < memory["start"] <= memory["max"]  # KiB: a Python process with Django
    # Every kind of request was made and answered (18 s at 8/s, minus start-up).
    kinds = {key.rsplit(" ", 1)[0] for key, n in result["statuses"].items() if n}
    assert {"create", "list", "customer lookup"} <= kinds
    assert all(key.endswith((" 200", " 201")) for key in result["statuses"]), result["statuses"]
    assert result["statuses"].get("page 200", 0) >= 1  # console pages behind the login
    assert 60 <= result["requests"] <= 8 * 0.3 * 60 + 8
