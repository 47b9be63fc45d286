"""Messages on the customer timeline (客户时间线上的消息): what was sent, skipped or refused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kefu.customers.models import Customer
from kefu.customers.timeline import TimelineEntry
from kefu.messaging.models import Delivery

SOURCE_LIMIT = 50
# What an entry shows (fewer columns: a cheaper statement to build and read).
ENTRY_COLUMNS = ("channel", "status", "subject", "body", "reason", "sent_at", "created_at")


def message_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """The customer's newest messages, for users who may read the delivery log (one query;
    an opt-out shows on the skipped messages it causes, and in the audit log)."""
    if not getattr(user, "is_authenticated", False):
        return
    deliveries = Delivery.objects.visible_to(user).filter(customer=customer)
    for delivery in deliveries.only(*ENTRY_COLUMNS)[:SOURCE_LIMIT]:
        title = _("%(channel)s message: %(status)s") % {
            "channel": delivery.get_channel_display(),
            "status": delivery.get_status_display(),
        }
        detail = delivery.subject or delivery.body[:80]
        if delivery.reason:
            detail = f"{detail} · {delivery.get_reason_display()}"
        yield TimelineEntry(
            at=delivery.sent_at or delivery.created_at,
            kind="message",
            title=title,
            detail=detail,
        )
