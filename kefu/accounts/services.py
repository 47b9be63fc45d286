"""Account services (账号服务): the only writers of users, roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kefu.accounts.models import ApiToken, User
from kefu.accounts.roles import ROLE_CODES
from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotFound, ValidationFailed

TOKEN_PREFIX = "kefu_"


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > now()


def register_login_failure(*, user: User) -> None:
    """Count a failed password; lock the account after the configured number of failures."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins", "locked_until"])
        changes: dict[str, list[object]] = {}
        if user.failed_logins >= settings.KEFU_LOGIN_MAX_FAILURES:
            user.locked_until = now() + timedelta(minutes=settings.KEFU_LOGIN_LOCKOUT_MINUTES)
            user.failed_logins = 0
            user.save(update_fields=["locked_until", "failed_logins"])
            changes = {"locked_until": [None, user.locked_until]}
        record(actor=None, action=AuditAction.LOGIN_FAILED, obj=user, changes=changes)


def register_login_success(*, user: User) -> None:
    with transaction.atomic():
        if user.failed_logins or user.locked_until:
            User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
            user.failed_logins, user.locked_until = 0, None
        record(actor=user, action=AuditAction.LOGIN, obj=user)


def create_user(
    *,
    actor: User | None,
    username: str,
    password: str,
    display_name: str = "",
    email: str = "",
    roles: list[str] | None = None,
) -> User:
    """Create a login with the given role codes."""
    unknown = [r for r in roles or [] if r not in ROLE_CODES]
    if unknown:
        raise ValidationFailed(
            _("Unknown role: %s") % ", ".join(unknown),
            fields={"roles": [_("Unknown role: %s") % ", ".join(unknown)]},
        )
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(
            _("The username is already taken."),
            fields={"username": [_("The username is already taken.")]},
        )
    with transaction.atomic():
        user = User(username=username, display_name=display_name, email=email)
        user.set_password(password)
        user.is_superuser = "admin" in (roles or [])
        user.save()
        set_roles(actor=actor, user=user, roles=roles or [], audit=False)
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=user,
            changes={"username": [None, username], "roles": [None, sorted(roles or [])]},
        )
    return user


def set_roles(*, actor: User | None, user: User, roles: list[str], audit: bool = True) -> None:
    with transaction.atomic():
        before = sorted(user.role_codes)
        groups = list(Group.objects.filter(name__in=roles))
        user.groups.set(groups)
        user._role_codes = None
        if audit:
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=user,
                changes={"roles": [before, sorted(roles)]},
            )


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    *, actor: User | None, user: User, name: str, expires_at: datetime | None = None
) -> IssuedToken:
    """Issue a bearer token. The secret is returned once and never stored."""
    body = secrets.token_urlsafe(32)
    secret = f"{TOKEN_PREFIX}{body}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=body[:8],
            key_hash=hash_token(secret),
            created_at=now(),
            expires_at=expires_at,
        )
        record(
            actor=actor,
            action=AuditAction.TOKEN,
            obj=token,
            changes={"created": [None, token.name]},
        )
    return IssuedToken(token=token, secret=secret)


def revoke_api_token(*, actor: User | None, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None:
            raise NotFound(_("No such API token."))
        if token.revoked_at is None:
            token.revoked_at = now()
            token.save(update_fields=["revoked_at"])
            record(
                actor=actor,
                action=AuditAction.TOKEN,
                obj=token,
                changes={"revoked_at": [None, token.revoked_at]},
            )
    return token


def user_for_token(secret: str) -> User | None:
    """The active user of a valid, unexpired, unrevoked token, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    moment = now()
    if token.expires_at is not None and token.expires_at <= moment:
        return None
    if token.last_used_at is None or moment - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token.user
