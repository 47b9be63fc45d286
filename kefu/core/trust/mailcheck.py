"""Emails of the run against what the SMTP server received (邮件核对): part of ``_check``.

The clients send each forwarded complaint's satisfaction survey by email; each invitation is
one ``messaging`` delivery (dedupe key ``survey:<invitation id>``) sent by a Huey job. After the
run every delivery must have left the queue, each work order's email must have reached the
SMTP server exactly once, and a delivery the crash caught mid-send (left ``sending``) must not
have been sent again. Models are reached by ``apps.get_model``: core imports no domain app.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.apps import apps

from kefu.core.trust.mailsink import read_mail

NUMBER = re.compile(r"\b[A-Z]{1,6}\d{8}-\d{3,}\b")


def check_mail(
    *, tag: str, acknowledged: set[str], mail_log: Path, wait_seconds: float
) -> dict[str, Any]:
    invitations = apps.get_model("surveys", "SurveyInvitation")._default_manager
    deliveries = apps.get_model("messaging", "Delivery")._default_manager
    numbers = dict(
        invitations.filter(ticket__title__startswith=f"{tag} ").values_list("pk", "ticket__number")
    )
    by_key = {f"survey:{pk}": number for pk, number in numbers.items()}
    deadline = time.monotonic() + wait_seconds
    while (
        deliveries.filter(dedupe_key__in=list(by_key), status="queued").exists()
        and time.monotonic() < deadline
    ):
        time.sleep(1.0)
    status = {
        by_key[key]: state
        for key, state in deliveries.filter(dedupe_key__in=list(by_key)).values_list(
            "dedupe_key", "status"
        )
    }
    mail = read_mail(mail_log)
    received = Counter(found for message in mail for found in set(NUMBER.findall(message["body"])))
    invited = set(numbers.values())
    interrupted = {n for n in invited if status.get(n) == "sending"}
    result: dict[str, Any] = {
        "invitations_acknowledged": len(acknowledged),
        "invitations": len(invited),
        "acknowledged_without_invitation": len(acknowledged - invited),
        "deliveries": dict(Counter(status.values())),
        "emails_received": len(mail),
        "emails_once": sum(1 for n in invited if received[n] == 1),
        "emails_twice": sum(1 for n in invited if received[n] > 1),
        "emails_missing": sum(1 for n in invited - interrupted if not received[n]),
        "interrupted_sends": len(interrupted),
        "interrupted_sends_received": sum(1 for n in interrupted if received[n]),
    }
    return result


def mail_problems(result: dict[str, Any]) -> list[str]:
    found = []
    for key, label in (
        ("acknowledged_without_invitation", "acknowledged survey invitations missing"),
        ("emails_twice", "work orders whose survey email was sent twice"),
        ("emails_missing", "survey emails never sent"),
    ):
        if result[key]:
            found.append(f"{result[key]} {label}")
    if result["deliveries"].get("queued"):
        found.append(f"{result['deliveries']['queued']} email deliveries still queued")
    return found
