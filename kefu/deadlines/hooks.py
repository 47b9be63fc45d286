"""How deadlines follow the work orders (时限跟随工单): the tickets hooks of this app."""

from __future__ import annotations

from collections.abc import Mapping

from kefu.deadlines.services import follow_ticket, start_sla
from kefu.tickets.hooks import Written


def on_create(written: Written) -> Mapping[str, object] | None:
    rows = start_sla(written.ticket, written.at)
    if not rows:
        return None
    return {
        "policy": rows[0].label,
        **{row.kind: row.due_at.isoformat() if row.due_at else None for row in rows},
    }


def on_transition(written: Written) -> Mapping[str, object] | None:
    return follow_ticket(written.ticket, written.at) or None
