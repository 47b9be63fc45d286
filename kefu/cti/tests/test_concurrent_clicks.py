"""Four real processes clicking "open a work order" on one call at once open exactly one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kefu.cti.models import Call
from kefu.customers.tests.test_background_import import database_url
from kefu.tickets.models import Ticket, TicketEvent

PROCESSES = 4

WORKER = """
import os, sys, time
import django
django.setup()
from kefu.accounts.models import User
from kefu.cti.models import Call
from kefu.cti.services import ticket_from_call

agent = User.objects.get(username="agent")
call = Call.objects.get(call_id=sys.argv[1])
go = sys.argv[2]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
print(ticket_from_call(actor=agent, call=call, type_code="complaint").number, flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_clicks_at_the_same_moment_open_one_work_order(
    webhook, cast, caller, settings, tmp_path: Path
):
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    webhook.post(call_id="c-1", event="ended", caller="13812345678", extension="8001")
    go = tmp_path / "go"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
        "KEFU_DATABASE_URL": database_url(),
        "KEFU_DATA_DIR": str(settings.DATA_DIR),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, "c-1", str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    numbers = []
    try:
        for worker in workers:
            assert worker.stdout is not None
            line = worker.stdout.readline()
            assert line.strip() == b"ready", worker.stderr.read().decode() if worker.stderr else ""
        go.touch()
        deadline = time.monotonic() + 120
        for worker in workers:
            out, err = worker.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert worker.returncode == 0, err.decode()
            numbers.append(out.decode().strip())
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    ticket = Ticket.objects.get()
    assert numbers == [ticket.number] * PROCESSES
    assert Call.objects.get().ticket == ticket
    assert TicketEvent.objects.filter(kind="call").count() == 1
