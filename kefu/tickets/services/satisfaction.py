"""Recording a satisfaction answer (记录满意度): one row the satisfaction rate counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.customers.models import Customer
from kefu.tickets.choices import Satisfaction
from kefu.tickets.feedback_models import SatisfactionRecord, SatisfactionSource
from kefu.tickets.models import Ticket


def record_satisfaction_level(
    *,
    customer: Customer,
    level: str,
    source: str,
    ticket: Ticket | None = None,
    actor: Any = None,
    at: dt.datetime | None = None,
) -> SatisfactionRecord:
    """Store one satisfaction answer; runs inside the caller's transaction (the step, the
    callback or the survey answer that asked it)."""
    if level not in Satisfaction.values:
        message = _("Choose how satisfied the customer is.")
        raise ValidationFailed(message, fields={"satisfaction": [message]})
    if source not in SatisfactionSource.values:
        raise ValueError(f"unknown satisfaction source {source!r}")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return SatisfactionRecord.objects.create(
        customer=customer,
        ticket=ticket,
        level=level,
        source=source,
        at=at or now(),
        recorded_by=actor if is_user else None,
    )
