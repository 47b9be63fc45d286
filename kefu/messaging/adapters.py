"""Adapters (发送通道适配器): hand one delivery to the SMTP server or the SMS gateway.

Each adapter returns the provider's message id, or raises ``SendFailed`` with a short reason.
Email goes through Django's configured email backend (SMTP in production). SMS goes through
``KEFU_SMS_BACKEND``: ``log`` writes the message to the log (the default, for sites without a
gateway), ``http`` POSTs JSON ``{"to", "text"}`` to ``KEFU_SMS_URL`` with ``KEFU_SMS_TOKEN``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

from kefu.messaging.choices import Channel
from kefu.messaging.config import setting, sms_backend
from kefu.messaging.models import Delivery

log = logging.getLogger(__name__)

HTTP_TIMEOUT_SECONDS = 10


class SendFailed(Exception):
    """The provider refused the message or could not be reached."""


def send_email(delivery: Delivery) -> str:
    message_id = make_msgid(domain=str(settings.DEFAULT_FROM_EMAIL).rpartition("@")[2] or None)
    message = EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": message_id},
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP errors, refused connection, timeouts
        raise SendFailed(f"{type(exc).__name__}: {exc}") from exc
    return message_id


def send_sms_log(delivery: Delivery) -> str:
    log.info("SMS to %s (delivery %s): %s", delivery.masked_address, delivery.pk, delivery.body)
    return f"log-{delivery.pk}"


def send_sms_http(delivery: Delivery) -> str:
    url = str(setting("KEFU_SMS_URL", ""))
    if not url.startswith(("http://", "https://")):
        raise SendFailed("KEFU_SMS_URL is not set")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    token = str(setting("KEFU_SMS_TOKEN", ""))
    if token:
        headers["Authorization"] = f"Bearer {token}"
    payload = json.dumps({"to": delivery.address, "text": delivery.body}, ensure_ascii=False)
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, data=payload.encode("utf-8"), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read(4096)
    except urllib.error.HTTPError as exc:
        raise SendFailed(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SendFailed(f"{type(exc).__name__}: {exc}") from exc
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        answer = {}
    if isinstance(answer, dict):
        for key in ("id", "message_id", "msgid"):
            if answer.get(key):
                return str(answer[key])[:200]
    return ""


def send(delivery: Delivery) -> str:
    """Hand ``delivery`` to its channel's provider; the provider's message id."""
    if delivery.channel == Channel.EMAIL:
        return send_email(delivery)
    backend = sms_backend()
    if backend == "http":
        return send_sms_http(delivery)
    if backend == "log":
        return send_sms_log(delivery)
    raise SendFailed(f"unknown KEFU_SMS_BACKEND {backend!r}")
