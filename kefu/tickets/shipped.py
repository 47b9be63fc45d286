"""Shipped work order types (预置工单类型): the five types, each with workflow version 1.

Called with an app registry (the historical one in migration 0002, the global one after a
flush), so it must not import models. Existing types and versions are never changed.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kefu.tickets.presets import preset
from kefu.tickets.serialization import to_dict

# code, name_zh, name_en, number prefix
SHIPPED_TYPES: tuple[tuple[str, str, str, str], ...] = (
    ("consultation", "咨询", "Consultation", "ZX"),
    ("complaint", "投诉", "Complaint", "TS"),
    ("repair", "报修", "Repair", "BX"),
    ("after_sales", "售后/退换货", "After-sales return or exchange", "SH"),
    ("suggestion", "建议", "Suggestion", "JY"),
)


def ensure_shipped_types(apps: Any) -> None:
    """Create any missing shipped type and its first workflow version from the preset."""
    ticket_type = apps.get_model("tickets", "TicketType")
    workflow_version = apps.get_model("tickets", "WorkflowVersion")
    published_at = timezone.now()
    for code, name_zh, name_en, prefix in SHIPPED_TYPES:
        kind, _created = ticket_type.objects.get_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "number_prefix": prefix}
        )
        if not workflow_version.objects.filter(ticket_type=kind).exists():
            workflow = preset(code)
            workflow_version.objects.create(
                ticket_type=kind,
                version=workflow.version,
                definition=to_dict(workflow),
                published_at=published_at,
            )
