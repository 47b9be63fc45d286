"""Shipped SLA policies (预置服务时限标准), around the clock until a calendar is chosen.

Called with an app registry (the historical one in migration 0003, the global one after a
flush), so it must not import models. Policies are only created when there are none at all:
an administrator switches a policy off instead of deleting it.

Most specific wins (type > priority > grade). Targets in minutes; an administrator tunes them
and picks the business calendar in the console.
"""

from __future__ import annotations

from typing import Any

DEFAULTS: tuple[tuple[str, str, str, str, int, int], ...] = (
    # name, type, priority, grade, first response, resolve
    ("默认时限", "", "", "", 240, 4320),
    ("紧急工单", "", "urgent", "", 30, 480),
    ("A 级客户", "", "", "A", 120, 2880),
    ("投诉", "complaint", "", "", 60, 1440),
    ("紧急投诉", "complaint", "urgent", "", 15, 240),
    ("报修", "repair", "", "", 60, 2880),
    ("紧急报修", "repair", "urgent", "", 15, 240),
)


def ensure_default_policies(apps: Any) -> None:
    policy = apps.get_model("sla", "SlaPolicy")
    if policy.objects.exists():
        return
    for name, kind, priority, grade, first, resolve in DEFAULTS:
        policy.objects.create(
            name=name,
            ticket_type=kind,
            priority=priority,
            customer_grade=grade,
            first_response_minutes=first,
            resolve_minutes=resolve,
            escalation_chain=["supervisor", "manager", "senior_manager"],
        )
