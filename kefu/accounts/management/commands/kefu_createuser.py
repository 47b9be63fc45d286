"""``kefu createuser USERNAME --role ROLE``: create a login with one or more roles (创建账号)."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kefu.accounts.roles import ROLE_CODES, role
from kefu.accounts.services import create_user
from kefu.core.errors import DomainError


class Command(BaseCommand):
    help = "Create a user with the given roles: " + ", ".join(ROLE_CODES) + "."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            dest="roles",
            action="append",
            required=True,
            metavar="ROLE",
            help="A role code; repeat for several roles.",
        )
        parser.add_argument(
            "--password", default=None, help="The password (asked twice when omitted)."
        )
        parser.add_argument("--name", default="", help="Display name, e.g. 张伟.")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"].strip()
        roles: list[str] = options["roles"]
        unknown = [code for code in roles if code not in ROLE_CODES]
        if unknown:
            raise CommandError(
                f"Unknown role: {', '.join(unknown)}. Known roles: {', '.join(ROLE_CODES)}."
            )
        password: str | None = options["password"]
        if password is None:
            password = self._ask_password()
        try:
            password_validation.validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            user = create_user(
                actor=None,
                username=username,
                password=password,
                display_name=options["name"],
                email=options["email"],
                roles=roles,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        labels = ", ".join(f"{code} ({role(code).label})" for code in user.role_codes)
        self.stdout.write(f"Created user {user.username} with roles: {labels}.")

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError("No password given: pass --password, or run in a terminal.")
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The passwords do not match.")
        if not first:
            raise CommandError("The password must not be empty.")
        return first
