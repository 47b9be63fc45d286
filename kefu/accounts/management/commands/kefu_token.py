"""``kefu token create|list|revoke``: API tokens from the command line (接口令牌).

``create`` prints only the token on stdout (so ``TOKEN=$(kefu token create erp)`` works);
the secret is shown once and never stored. ``list`` never shows secrets.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kefu.accounts.models import ApiToken, User
from kefu.accounts.services import TOKEN_PREFIX, create_api_token, revoke_api_token
from kefu.core.clock import now
from kefu.core.errors import DomainError


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user named {username!r}.")
    return user


class Command(BaseCommand):
    help = "Create, list and revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Issue a token; prints only the token.")
        create.add_argument("username")
        create.add_argument("--name", default="command line", help="What the token is for.")
        create.add_argument(
            "--expires-days", type=int, default=None, help="Expire after N days (default: never)."
        )
        listing = actions.add_parser("list", help="List tokens (never the secrets).")
        listing.add_argument("username", nargs="?", default=None)
        revoke = actions.add_parser("revoke", help="Revoke a token by its ID.")
        revoke.add_argument("token_id", type=int, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["username"], options["name"], options["expires_days"])
        elif action == "list":
            self._list(options["username"])
        else:
            self._revoke(options["token_id"])

    def _create(self, username: str, name: str, expires_days: int | None) -> None:
        user = _user(username)
        if expires_days is not None and expires_days < 1:
            raise CommandError("--expires-days must be at least 1.")
        expires_at = now() + timedelta(days=expires_days) if expires_days else None
        issued = create_api_token(actor=None, user=user, name=name, expires_at=expires_at)
        self.stderr.write(
            f"Token {issued.token.pk} for {user.username} ({name}), expires"
            f" {_when(expires_at) if expires_at else 'never'}. It is shown once: keep it now."
        )
        self.stdout.write(issued.secret)

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("id")
        if username is not None:
            tokens = tokens.filter(user=_user(username))
        header = (
            f"{'ID':>5}  {'user':<14}{'prefix':<17}{'name':<20}{'created':<18}"
            f"{'expires':<18}{'revoked':<18}last used"
        )
        self.stdout.write(header)
        for t in tokens:
            self.stdout.write(
                f"{t.pk:>5}  {t.user.username:<14}{TOKEN_PREFIX + t.prefix + '…':<17}"
                f"{t.name[:19]:<20}{_when(t.created_at):<18}{_when(t.expires_at):<18}"
                f"{_when(t.revoked_at):<18}{_when(t.last_used_at)}"
            )

    def _revoke(self, token_id: int) -> None:
        try:
            token = revoke_api_token(actor=None, token_id=token_id)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Token {token.pk} ({token.name}) of {token.user.username} is revoked.")
