"""Callbacks on the customer timeline (客户时间线中的回访): the calls made to the customer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kefu.callbacks.models import CallbackAttempt, CallbackTask
from kefu.customers.models import Customer
from kefu.customers.timeline import TimelineEntry, source_limit

# What an entry shows (``str(actor)`` is its display name or username).
ENTRY_COLUMNS = (
    "at",
    "outcome",
    "satisfaction",
    "notes",
    "task__reason",
    "actor__username",
    "actor__display_name",
)


def callback_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """Each call made for the customer's callback tasks the user may see."""
    tasks = CallbackTask.objects.visible_to(user).filter(customer=customer)
    attempts = (
        CallbackAttempt.objects.filter(task__in=tasks)
        .select_related("task", "actor")
        # The columns the entry shows: building the statement costs less with fewer.
        .only(*ENTRY_COLUMNS)
        .order_by("-at", "-id")[: source_limit()]
    )
    for attempt in attempts:
        parts = [attempt.get_outcome_display()]
        if attempt.satisfaction:
            parts.append(attempt.get_satisfaction_display())
        if attempt.notes:
            parts.append(attempt.notes[:100])
        yield TimelineEntry(
            at=attempt.at,
            kind="callback",
            title=_("Callback: %(reason)s") % {"reason": attempt.task.get_reason_display()},
            detail=" · ".join(str(p) for p in parts)
            + (f" — {attempt.actor}" if attempt.actor else ""),
        )
