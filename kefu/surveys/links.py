"""Survey links (调查链接): a signed token per invitation, read back without a login.

The token is the invitation id and its random nonce, signed with the secret key by
``django.core.signing.Signer`` salted for surveys (no timestamp): it cannot be forged or
guessed (the nonce has 128 random bits), and the same invitation always gives the same link.
Expiry is the invitation's ``expires_at``, checked when the link is opened and again when it
is answered.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "kefu.surveys.link"


@dataclass(frozen=True)
class LinkKey:
    invitation_id: int
    nonce: str


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def make_token(invitation_id: int, nonce: str) -> str:
    return signing.Signer(salt=SALT).sign_object({"i": invitation_id, "n": nonce}, compress=True)


def read_token(token: str) -> LinkKey | None:
    """The invitation a token names, or None when it was not signed by us (tampered)."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    invitation_id, nonce = data.get("i"), data.get("n")
    if not isinstance(invitation_id, int) or not isinstance(nonce, str):
        return None
    return LinkKey(invitation_id, nonce)


def survey_path(invitation_id: int, nonce: str) -> str:
    return reverse("surveys:answer", kwargs={"token": make_token(invitation_id, nonce)})


def survey_url(invitation_id: int, nonce: str) -> str:
    """The absolute link sent to the customer (``KEFU_BASE_URL`` + path)."""
    return settings.KEFU_BASE_URL.rstrip("/") + survey_path(invitation_id, nonce)
