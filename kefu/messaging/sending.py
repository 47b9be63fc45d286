"""The send worker (发送任务): claims queued deliveries and hands them to the providers.

Each queued row is claimed by a conditional UPDATE (queued → sending) before it is sent, so two
workers running at the same time never send the same message twice. Each send takes a slot of
the channel's per-minute window first (``ratelimit``); when the window is full the row goes
back to the queue for the next minute's run. A failed send is retried a few times, a minute
apart and more, then marked failed. A row left "sending" by a crashed worker is marked failed
(it may have gone out: it is never sent again).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import F, Q

from kefu.core.clock import now
from kefu.messaging import adapters, ratelimit
from kefu.messaging.choices import Channel, DeliveryStatus
from kefu.messaging.models import Delivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
BATCH = 50
STUCK_AFTER = dt.timedelta(minutes=15)


def _due(channel: str, at: dt.datetime) -> list[int]:
    return list(
        Delivery.objects.filter(status=DeliveryStatus.QUEUED, channel=channel)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=at))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:BATCH]
    )


def claim(pk: int, at: dt.datetime) -> bool:
    """Take a queued delivery for sending; False when another worker took it first."""
    return bool(
        Delivery.objects.filter(pk=pk, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, claimed_at=at, attempts=F("attempts") + 1
        )
    )


def _release(pk: int) -> None:
    Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.QUEUED, claimed_at=None, attempts=F("attempts") - 1
    )


def _deliver(pk: int) -> bool:
    delivery = Delivery.objects.get(pk=pk)
    try:
        provider_id = adapters.send(delivery)
    except adapters.SendFailed as exc:
        retry = delivery.attempts < MAX_ATTEMPTS
        log.warning("delivery %s failed (attempt %s): %s", pk, delivery.attempts, exc)
        Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.QUEUED if retry else DeliveryStatus.FAILED,
            error=str(exc)[:300],
            next_attempt_at=now() + dt.timedelta(minutes=delivery.attempts) if retry else None,
            claimed_at=None,
        )
        return False
    Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT,
        sent_at=now(),
        provider_message_id=provider_id[:200],
        error="",
        next_attempt_at=None,
    )
    return True


def dispatch_channel(channel: str) -> int:
    """Send the channel's due deliveries while its window has room; how many were handed on."""
    handed = 0
    while True:
        at = now()
        due = _due(channel, at)
        if not due:
            return handed
        for pk in due:
            if not claim(pk, at):
                continue  # another worker has it
            if not ratelimit.take_slot(channel, now()):
                _release(pk)
                return handed
            _deliver(pk)
            handed += 1


def dispatch(channel: str | None = None) -> int:
    """Send what is due on ``channel`` (or every channel); how many were handed on."""
    channels = [channel] if channel else list(Channel.values)
    return sum(dispatch_channel(name) for name in channels)


def fail_stuck(at: dt.datetime | None = None) -> int:
    """Mark deliveries left "sending" by a crashed worker as failed (never sent again)."""
    at = at or now()
    updated: int = Delivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=at - STUCK_AFTER
    ).update(status=DeliveryStatus.FAILED, error="interrupted while sending")
    return updated
