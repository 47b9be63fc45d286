"""Unsubscribe links (退订链接): signed tokens naming a customer and a channel.

The token is signed with the site's secret key (``django.core.signing``) and never expires:
a customer may unsubscribe from an old message. A tampered token is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse

SALT = "kefu.messaging.unsubscribe"
MOUNT = "/m/"


@dataclass(frozen=True)
class UnsubscribeRequest:
    customer_id: int
    channel: str


def make_token(*, customer_id: int, channel: str) -> str:
    return signing.dumps({"c": customer_id, "ch": channel}, salt=SALT, compress=True)


def read_token(token: str) -> UnsubscribeRequest | None:
    """The request in ``token``, or None when it was tampered with or is malformed."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    customer_id, channel = data.get("c"), data.get("ch")
    if not isinstance(customer_id, int) or not isinstance(channel, str):
        return None
    return UnsubscribeRequest(customer_id=customer_id, channel=channel)


def unsubscribe_url(*, customer_id: int, channel: str) -> str:
    """The absolute unsubscribe link (``KEFU_BASE_URL`` + ``/m/u/<token>/``)."""
    token = make_token(customer_id=customer_id, channel=channel)
    try:
        path = reverse("messaging:unsubscribe", args=[token])
    except NoReverseMatch:  # the project's URL map does not mount messaging (yet)
        path = f"{MOUNT}u/{token}/"
    base = str(getattr(settings, "KEFU_BASE_URL", "")).rstrip("/")
    return f"{base}{path}"
