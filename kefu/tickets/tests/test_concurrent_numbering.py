"""Eight real processes opening work orders at once get unique, gapless numbers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from kefu.customers.services import create_customer
from kefu.customers.tests.test_background_import import database_url
from kefu.tickets.models import Ticket, TicketEvent

PROCESSES = 8
EACH = 25

# Each worker waits for the go file so that all eight write at the same moment.
WORKER = """
import os, sys, time
import django
django.setup()
from kefu.accounts.models import User
from kefu.customers.models import Customer
from kefu.tickets.services import create_ticket

agent = User.objects.get(username="agent")
customer = Customer.objects.get(pk=int(sys.argv[1]))
go, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.01)
for i in range(count):
    create_ticket(
        actor=agent, type_code="complaint", customer=customer, channel="phone",
        title=f"并发工单 {os.getpid()} {i}",
    )
"""


@pytest.mark.django_db(transaction=True)
def test_eight_processes_opening_work_orders_at_once_get_unique_gapless_numbers(
    cast, settings, tmp_path: Path
):
    customer = create_customer(actor=cast.agent, data={"name": "并发客户", "phone": "13900139000"})
    go = tmp_path / "go"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
        "KEFU_DATABASE_URL": database_url(),
        "KEFU_DATA_DIR": str(settings.DATA_DIR),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(customer.pk), str(go), str(EACH)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            line = worker.stdout.readline()
            assert line.strip() == b"ready", worker.stderr.read().decode() if worker.stderr else ""
        go.touch()
        deadline = time.monotonic() + 120
        for worker in workers:
            _out, err = worker.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert worker.returncode == 0, err.decode()
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    numbers = list(Ticket.objects.values_list("number", flat=True))
    assert len(numbers) == PROCESSES * EACH
    assert len(set(numbers)) == PROCESSES * EACH
    by_day: dict[str, list[int]] = defaultdict(list)
    for number in numbers:
        assert number.startswith("TS")
        day, sequence = number[2:].split("-")
        by_day[day].append(int(sequence))
    for sequences in by_day.values():  # gapless: 1…n for each day (a run may cross midnight)
        assert sorted(sequences) == list(range(1, len(sequences) + 1))
    assert TicketEvent.objects.filter(kind="created").count() == PROCESSES * EACH
