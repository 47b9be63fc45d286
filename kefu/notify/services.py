"""Sending notifications (发送通知): to the console inbox and, once, by email over SMTP."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F

from kefu.core.clock import now
from kefu.notify.models import EmailState, Notification

log = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 3


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    subject: str,
    body: str = "",
    link: str = "",
) -> list[Notification]:
    """Notify each distinct active recipient (发送通知); those with an email address get one
    after the caller's transaction commits."""
    at = now()
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                link=link[:300],
                created_at=at,
                email_state=EmailState.PENDING if user.email else EmailState.NONE,
            )
        )
    created = Notification.objects.bulk_create(rows)
    if any(n.email_state == EmailState.PENDING for n in created):
        transaction.on_commit(send_pending_emails)
    return created


def _absolute(link: str) -> str:
    base = str(getattr(settings, "KEFU_BASE_URL", "")).rstrip("/")
    return f"{base}{link}" if link.startswith("/") and base else link


def send_pending_emails(limit: int = 100) -> int:
    """Send the pending emails (发送待发邮件), each claimed first so that it goes out once even
    when several workers run this at the same time. Returns how many were sent."""
    sent = 0
    pending = list(
        Notification.objects.filter(email_state=EmailState.PENDING)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in pending:
        claimed = Notification.objects.filter(pk=pk, email_state=EmailState.PENDING).update(
            email_state=EmailState.SENDING, email_attempts=F("email_attempts") + 1
        )
        if not claimed:
            continue  # another worker took it
        note = Notification.objects.select_related("recipient").get(pk=pk)
        body = note.body + (f"\n\n{_absolute(note.link)}" if note.link else "")
        try:
            send_mail(
                note.subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [note.recipient.email],
                fail_silently=False,
            )
        except Exception as exc:  # SMTP or network failure: retry later, a few times
            log.warning("email for notification %s failed: %s", pk, exc)
            retry = note.email_attempts < MAX_EMAIL_ATTEMPTS
            Notification.objects.filter(pk=pk).update(
                email_state=EmailState.PENDING if retry else EmailState.FAILED,
                email_error=str(exc)[:300],
            )
            continue
        Notification.objects.filter(pk=pk).update(email_state=EmailState.SENT, email_error="")
        sent += 1
    return sent


def mark_read(*, actor: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's notifications read (标为已读): the given ones, or all."""
    rows = Notification.objects.visible_to(actor).unread()
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    updated: int = rows.update(read_at=now())
    return updated
