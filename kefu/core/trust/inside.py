"""Steps that run inside the server's database (``kefu trust _prepare|_expire``).

They run as ``kefu`` subprocesses with the server's settings. Users and tokens are made by
the ordinary commands (``kefu createuser``, ``kefu token create``); models are reached by
``apps.get_model``, so core imports no domain app.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.core.management import call_command

from kefu.core.clock import now

# Loopback test accounts of a throwaway database.
PASSWORD = "kefu-trust-load-1"
RESPONSIBLE_DEPARTMENT = "工程部"


def prepare(*, clients: int, tag: str) -> dict[str, Any]:
    """Migrate, load the demo on an empty database, make one agent and token per client;
    ``surveys`` says whether a survey template exists (the clients then send survey emails)."""
    call_command("migrate", interactive=False, verbosity=0)
    user_model = apps.get_model("accounts", "User")
    if not user_model._default_manager.exists():
        call_command("demo", stdout=io.StringIO())
    tokens = []
    for n in range(clients + 1):
        username = f"trust-{tag}-{n}"
        if not user_model._default_manager.filter(username=username).exists():
            call_command(
                "kefu_createuser", username, roles=["agent"], password=PASSWORD,
                name=f"压测坐席{n}", stdout=io.StringIO(),
            )  # fmt: skip
        out = io.StringIO()
        call_command("kefu_token", "create", username, name=f"trust {tag}", stdout=out)
        tokens.append(out.getvalue().strip())
    department = apps.get_model("org", "Department")._default_manager
    chosen = (
        department.filter(name=RESPONSIBLE_DEPARTMENT).first()
        or department.exclude(kind="partner").order_by("pk").last()
    )
    if chosen is None:
        raise RuntimeError("no department to forward work orders to")
    templates = apps.get_model("surveys", "SurveyTemplate")._default_manager
    return {
        "surveys": templates.filter(is_active=True).exists(),
        "tokens": tokens,
        "usernames": [f"trust-{tag}-{n}" for n in range(clients + 1)],
        "password": PASSWORD,
        "department": chosen.pk,
    }


def expire(*, numbers: list[str]) -> dict[str, Any]:
    """Move the first-response deadlines of these work orders five minutes into the past,
    as if they had been left unanswered: the watcher owes each a breach escalation."""
    deadline_model = apps.get_model("deadlines", "Deadline")
    at = now()
    passed = at - timedelta(minutes=5)
    rows = deadline_model._default_manager.filter(
        ticket__number__in=numbers, kind="first_response", is_open=True, stage=0
    )
    count = rows.update(due_at=passed, warn_at=passed - timedelta(minutes=10), next_check_at=passed)
    return {"expired": count, "at": at.isoformat()}
