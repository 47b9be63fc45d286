"""Rate limit (发送限速): at most N messages per clock minute per channel.

A slot is taken by a conditional UPDATE on the minute's window row (``used < limit``), so two
workers taking slots at the same time never hand more than N messages to the provider in one
minute together.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from kefu.messaging.config import per_minute
from kefu.messaging.models import SendWindow


def minute_of(at: dt.datetime) -> dt.datetime:
    return at.replace(second=0, microsecond=0)


def take_slot(channel: str, at: dt.datetime) -> bool:
    """Take one slot of ``channel``'s window for the minute of ``at``; False when full."""
    minute = minute_of(at)
    if not SendWindow.objects.filter(channel=channel, minute=minute).exists():
        try:
            with transaction.atomic():
                SendWindow.objects.create(channel=channel, minute=minute, used=0)
        except IntegrityError:
            pass  # another worker opened the window first
    taken = SendWindow.objects.filter(
        channel=channel, minute=minute, used__lt=per_minute(channel)
    ).update(used=F("used") + 1)
    return bool(taken)


def give_back(channel: str, at: dt.datetime) -> None:
    """Return a slot taken for a message that was not sent after all."""
    SendWindow.objects.filter(channel=channel, minute=minute_of(at), used__gt=0).update(
        used=F("used") - 1
    )


def used(channel: str, at: dt.datetime) -> int:
    window = SendWindow.objects.filter(channel=channel, minute=minute_of(at)).first()
    return window.used if window else 0


def prune(before: dt.datetime) -> int:
    deleted, _ = SendWindow.objects.filter(minute__lt=before).delete()
    return deleted
