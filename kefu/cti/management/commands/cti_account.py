"""``kefu cti_account USERNAME``: the CTI/PBX system account that reports calls (来电上报账号).

Creates the account when it does not exist (no role, no usable password: it only calls the
API) and gives it the capability ``cti.add_call`` directly (an administrator is refused: the
endpoint ignores superuser status). Then issue its token with
``kefu token create USERNAME --name pbx`` and configure the PBX to POST to /api/v1/cti/calls.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.accounts.models import User
from kefu.accounts.services import create_user
from kefu.core.errors import ValidationFailed
from kefu.cti.services import allow_call_reports


class Command(BaseCommand):
    help = "Create (or reuse) the CTI system account and let it report phone calls."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="CTI", help="Display name.")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=username,
                password=secrets.token_urlsafe(32),
                display_name=options["name"],
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self.stdout.write(f"Created the account {username} (no role, cannot log in).")
        try:
            allow_call_reports(actor=None, user=user)
        except ValidationFailed as refused:
            raise CommandError(refused.message) from refused
        self.stdout.write(
            f"{username} may report phone calls. Issue its token with:"
            f" kefu token create {username} --name pbx"
        )
