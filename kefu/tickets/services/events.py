"""Work order events (工单事件): appending one, with form values made JSON-safe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketEvent


def plain(value: Any) -> Any:
    """A JSON-safe copy of a form value: objects become id and label, times ISO text."""
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def append_event(
    *,
    ticket: Ticket,
    actor: Any,
    at: dt.datetime,
    kind: EventKind,
    from_state: str = "",
    to_state: str = "",
    transition: str = "",
    data: Mapping[str, Any] | None = None,
) -> TicketEvent:
    """Append one immutable event (追加工单事件) to the ticket's history."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return TicketEvent.objects.create(
        ticket=ticket,
        at=at,
        actor=actor if is_user else None,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        transition=transition,
        data=plain(dict(data or {})),
    )
