"""The watcher: one warning, one escalation per level, in the console and by real SMTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from kefu.core.clock import now
from kefu.customers.tests.test_background_import import database_url
from kefu.deadlines.models import Deadline
from kefu.deadlines.watcher import watch
from kefu.notify.models import Notification
from kefu.tickets.models import TicketEvent
from kefu.tickets.tests.conftest import open_ticket


def with_emails(cast):
    for role in ("agent", "supervisor", "manager"):
        user = cast.by_role(role)
        user.email = f"{role}@kefu.test"
        user.save(update_fields=["email"])


@pytest.mark.django_db(transaction=True)
def test_warning_then_escalations_each_once_with_email(clock, cast, customer, smtp_server):
    with_emails(cast)
    ticket = open_ticket(cast, customer)  # complaint: respond within 60 minutes, around the clock
    start = clock.current
    clock.advance(minutes=47)
    assert watch() == 0
    clock.advance(minutes=2)  # 49 minutes: past the 80 % warning
    assert watch() == 1
    assert watch() == 0  # the same warning is never sent twice
    warning = TicketEvent.objects.get(ticket=ticket, kind="warning")
    assert warning.data["deadline"] == "first_response"
    # Nobody is assigned yet, so the first level of the chain hears of it.
    assert warning.data["notified"] == ["supervisor"]
    clock.current = start + timedelta(minutes=61)
    assert watch() == 1
    breach = TicketEvent.objects.get(ticket=ticket, kind="escalation")
    assert (breach.data["level"], breach.data["stage"]) == ("supervisor", 2)
    deadline = Deadline.objects.get(ticket=ticket, kind="first_response")
    assert deadline.breached_at == clock.current
    clock.current = start + timedelta(minutes=121)
    assert watch() == 1
    levels = list(
        TicketEvent.objects.filter(ticket=ticket, kind="escalation").values_list(
            "data__level", flat=True
        )
    )
    assert levels == ["supervisor", "manager"]
    inbox = Notification.objects.filter(recipient=cast.supervisor).order_by("id")
    assert [n.kind for n in inbox] == ["deadline_warning", "deadline_escalation"]
    assert ticket.number in inbox[0].subject
    assert len(smtp_server.to("supervisor@kefu.test")) == 2
    assert len(smtp_server.to("manager@kefu.test")) == 1
    assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_a_met_deadline_is_never_escalated(clock, cast, customer):
    from kefu.tickets.services import apply_transition

    ticket = open_ticket(cast, customer)
    clock.advance(minutes=30)
    apply_transition(
        actor=cast.agent, ticket=ticket, transition="classify", fields={"category": "服务态度"}
    )
    clock.advance(minutes=60)
    watch()
    assert not TicketEvent.objects.filter(
        ticket=ticket, kind__in=["warning", "escalation"], data__deadline="first_response"
    ).exists()


WORKER = """
import os, sys, time
import django
django.setup()
from kefu.deadlines.watcher import watch
print("ready", flush=True)
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.005)
taken = sum(watch() for _ in range(20))
print(taken, flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_two_workers_escalate_a_passed_deadline_exactly_once(cast, customer, settings, smtp_server,
                                                              tmp_path: Path):  # fmt: skip
    with_emails(cast)
    tickets = [open_ticket(cast, customer, title=f"超时投诉 {i}") for i in range(10)]
    assert Deadline.objects.filter(kind="first_response").count() == len(tickets)
    passed = now() - timedelta(minutes=5)
    # Every first-response deadline passed five minutes ago, before any warning went out.
    Deadline.objects.filter(kind="first_response").update(due_at=passed, next_check_at=passed)
    go = tmp_path / "go"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
        "KEFU_DATABASE_URL": database_url(),
        "KEFU_DATA_DIR": str(settings.DATA_DIR),
        "KEFU_EMAIL_HOST": smtp_server.host,
        "KEFU_EMAIL_PORT": str(smtp_server.port),
    }
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(go)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]  # fmt: skip
    try:
        for worker in workers:
            assert worker.stdout is not None
            line = worker.stdout.readline()
            assert line.strip() == b"ready", worker.stderr.read().decode() if worker.stderr else ""
        go.touch()
        taken = []
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err.decode()
            taken.append(int(out.split()[-1]))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    assert sum(taken) == len(tickets)  # each deadline's breach taken by exactly one worker
    for ticket in tickets:
        escalations = TicketEvent.objects.filter(ticket=ticket, kind="escalation")
        assert escalations.count() == 1
        assert not TicketEvent.objects.filter(ticket=ticket, kind="warning").exists()
    deadline = time.monotonic() + 10
    while len(smtp_server.to("supervisor@kefu.test")) < len(tickets) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.05)
    mails = smtp_server.to("supervisor@kefu.test")
    assert len(mails) == len(tickets)
    assert len({m["Subject"] for m in mails}) == len(tickets)  # one per work order
