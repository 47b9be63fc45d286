"""Measure opening a work order through the API (工单创建测速): N complaints, one client.

kefu ticket_create_bench --count 1000     (use a scratch KEFU_DATA_DIR: it writes work orders)

Each request goes through the whole API stack in-process (Django's test client, one bearer
token, one client at a time); the figures are wall-clock milliseconds per request.
"""

from __future__ import annotations

import math
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token, revoke_api_token

URL = "/api/v1/tickets"
BENCH_PHONE = "13900139000"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (e.g. share 0.95 for p95)."""
    ordered = sorted(values)
    rank = min(max(1, math.ceil(share * len(ordered))), len(ordered))
    return ordered[rank - 1]


class Command(BaseCommand):
    help = "Time opening N complaints through POST /api/v1/tickets (writes work orders)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--username", default="agent")

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 1:
            raise CommandError("--count must be at least 1")
        actor = User.objects.filter(username=options["username"], is_active=True).first()
        if actor is None:
            raise CommandError(f"no user {options['username']!r}: run `kefu demo` first")
        issued = create_api_token(actor=None, user=actor, name="ticket_create_bench")
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        client = Client(
            HTTP_HOST=host,
            headers={"Authorization": f"Bearer {issued.secret}", "Accept-Language": "en"},
        )
        try:
            customer_id = self._customer_id(client)
            timings: list[float] = []
            for i in range(count):
                body = {
                    "type": "complaint",
                    "customer_id": customer_id,
                    "channel": "phone",
                    "priority": "medium",
                    "title": f"测速投诉 {i + 1}",
                    "description": "ticket_create_bench",
                }
                started = time.perf_counter()
                response = client.post(URL, body, content_type="application/json")
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 201:
                    raise CommandError(
                        f"request {i + 1}: {response.status_code} {response.content!r}"
                    )
                timings.append(elapsed)
        finally:
            revoke_api_token(actor=None, token_id=issued.token.pk)
        self.stdout.write(
            f"count={count} median_ms={statistics.median(timings):.1f} "
            f"p95_ms={percentile(timings, 0.95):.1f} max_ms={max(timings):.1f}"
        )

    def _customer_id(self, client: Client) -> int:
        """The bench customer, matched by phone or created, through the same API."""
        body = {
            "type": "complaint",
            "customer": {"name": "测速客户", "phone": BENCH_PHONE},
            "channel": "api",
            "title": "测速预热",
        }
        response = client.post(URL, body, content_type="application/json")
        if response.status_code != 201:
            raise CommandError(f"warm-up: {response.status_code} {response.content!r}")
        customer_id: int = response.json()["customer"]["id"]
        return customer_id
