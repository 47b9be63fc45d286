"""Sending messages to customers (发送客户消息): the only writers of deliveries and opt-outs.

``send_message`` decides at once whether a message may go out (address, consent, opt-out) and
writes one delivery: queued, or skipped with the reason, never silently dropped. Queued rows
are sent by the worker (``kefu.messaging.sending``) after the caller's transaction commits.

Consent: marketing and care messages (营销, 关怀) need the customer's marketing consent — a
birthday greeting is not something the customer asked for — and carry an unsubscribe link.
Service messages (服务通知: a survey link after a work order, a work order update) need no
consent and are sent even after an opt-out. An opt-out blocks marketing and care messages on
its channel.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.customers.models import Customer
from kefu.messaging.choices import (
    CONSENT_PURPOSES,
    Channel,
    DeliveryStatus,
    Purpose,
    SkipReason,
)
from kefu.messaging.models import Delivery, OptOut
from kefu.messaging.unsubscribe import unsubscribe_url


def channel_address(customer: Customer, channel: str) -> tuple[str, str]:
    """The customer's address on ``channel`` and, when it cannot be used, the skip reason."""
    if channel == Channel.SMS:
        try:
            phone = normalize_phone(customer.phone)
        except InvalidPhone:
            return customer.phone, SkipReason.BAD_ADDRESS
        return phone, "" if phone else SkipReason.NO_ADDRESS
    email = (customer.email or "").strip()
    if not email:
        return "", SkipReason.NO_ADDRESS
    try:
        validate_email(email)
    except ValidationError:
        return email, SkipReason.BAD_ADDRESS
    return email, ""


def refusal(customer: Customer, channel: str, purpose: str) -> str:
    """Why ``customer`` may not get a ``purpose`` message on ``channel`` ("" when it may)."""
    if not customer.is_active or customer.merged_into_id is not None:
        return SkipReason.INACTIVE
    if purpose not in CONSENT_PURPOSES:
        return ""
    if not customer.marketing_consent:
        return SkipReason.NO_CONSENT
    if OptOut.objects.filter(customer=customer, channel=channel).exists():
        return SkipReason.OPTED_OUT
    return ""


def with_unsubscribe_link(body: str, *, customer_id: int, channel: str) -> str:
    """``body`` followed by the signed unsubscribe link, in the site's language."""
    url = unsubscribe_url(customer_id=customer_id, channel=channel)
    with translation.override(settings.LANGUAGE_CODE):
        footer = gettext("Unsubscribe: %(url)s") % {"url": url}
    return f"{body.rstrip()}\n\n{footer}" if channel == Channel.EMAIL else f"{body} {footer}"


def _check(channel: str, purpose: str, body: str) -> None:
    fields: dict[str, list[str]] = {}
    if channel not in Channel.values:
        fields["channel"] = [str(_("Unknown channel."))]
    if purpose not in Purpose.values:
        fields["purpose"] = [str(_("Unknown purpose."))]
    if not body.strip():
        fields["body"] = [str(_("The message is empty."))]
    if fields:
        raise ValidationFailed(_("The message cannot be sent."), fields=fields)


def send_message(
    *,
    customer: Customer,
    channel: str,
    subject: str,
    body: str,
    purpose: str,
    actor: Any = None,
    campaign_key: str = "",
    dedupe_key: str = "",
) -> Delivery:
    """Send a message to a customer (发送消息): write its delivery, queued or skipped.

    The caller checks its own capability (a campaign's sender, a survey's). With a
    ``dedupe_key``, a second call returns the first delivery and sends nothing.
    """
    _check(channel, purpose, body)
    if dedupe_key:
        existing = Delivery.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    address, reason = channel_address(customer, channel)
    reason = reason or refusal(customer, channel, purpose)
    if not reason and purpose in CONSENT_PURPOSES:
        body = with_unsubscribe_link(body, customer_id=customer.pk, channel=channel)
    at = now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                customer=customer,
                channel=channel,
                address=address[:254],
                subject=subject[:200],
                body=body,
                purpose=purpose,
                campaign_key=campaign_key[:100],
                dedupe_key=dedupe_key[:200],
                status=DeliveryStatus.SKIPPED if reason else DeliveryStatus.QUEUED,
                reason=reason,
                created_at=at,
                next_attempt_at=None if reason else at,
                created_by=user,
            )
    except IntegrityError:
        if dedupe_key:  # another request wrote it first
            return Delivery.objects.get(dedupe_key=dedupe_key[:200])
        raise
    if not reason:
        transaction.on_commit(partial(_enqueue, channel))
    return delivery


def _enqueue(channel: str) -> None:
    from kefu.messaging.tasks import send_queued

    send_queued(channel)


def record_opt_out(
    *, customer: Customer, channel: str, actor: Any = None, source: str = "link"
) -> OptOut:
    """Record an opt-out (退订): no more marketing or care messages on ``channel``; the
    customer's marketing consent is withdrawn too. Idempotent; audited."""
    if channel not in Channel.values:
        message = str(_("Unknown channel."))
        raise ValidationFailed(message, fields={"channel": [message]})
    with transaction.atomic():
        opt_out = OptOut.objects.filter(customer=customer, channel=channel).first()
        created = opt_out is None
        if opt_out is None:
            opt_out = OptOut.objects.create(
                customer=customer, channel=channel, created_at=now(), source=source
            )
        had_consent = Customer.objects.filter(pk=customer.pk, marketing_consent=True).update(
            marketing_consent=False, updated_at=now()
        )
        customer.marketing_consent = False
        if created or had_consent:
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=customer,
                changes={
                    "opt_out": [None, channel],
                    **({"marketing_consent": [True, False]} if had_consent else {}),
                },
                reason=str(_("Unsubscribed by the customer"))
                if source == "link"
                else str(_("Unsubscribed by staff")),
            )
    return opt_out
