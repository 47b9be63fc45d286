"""Bearer-token authentication (令牌认证) for /api/v1/."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpRequest
from ninja.security import HttpBearer

from kefu.accounts.models import User
from kefu.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        load_capabilities(user)
        request.user = user
        return user


@cache
def _capabilities_sql() -> str:
    """Direct and group permissions of one user in one statement (built once per process)."""
    q = connection.ops.quote_name
    own = User.user_permissions.through._meta
    member = User.groups.through._meta
    granted = Group.permissions.through._meta

    def column(meta: Any, field: str) -> str:
        return q(meta.get_field(field).column)

    perm, ct = q(Permission._meta.db_table), q(ContentType._meta.db_table)
    return (
        f"SELECT ct.{q('app_label')}, p.{q('codename')} FROM {perm} p"  # noqa: S608 - names only
        f" JOIN {ct} ct ON ct.{q('id')} = p.{q('content_type_id')}"
        f" WHERE p.{q('id')} IN (SELECT {column(own, 'permission')} FROM {q(own.db_table)}"
        f" WHERE {column(own, 'user')} = %s)"
        f" OR p.{q('id')} IN (SELECT g.{column(granted, 'permission')}"
        f" FROM {q(granted.db_table)} g JOIN {q(member.db_table)} m"
        f" ON m.{column(member, 'group')} = g.{column(granted, 'group')}"
        f" WHERE m.{column(member, 'user')} = %s)"
    )


def load_capabilities(user: User) -> None:
    """Read the caller's capabilities (权限) once, in one statement instead of Django's two.

    Django's model backend keeps a user's permissions (direct and through groups) in
    ``_perm_cache`` and reads them from there for every ``has_perm`` of the request; this fills
    it with the same set. Superusers and inactive users are left to the backend.
    """
    if not user.is_active or user.is_superuser or hasattr(user, "_perm_cache"):
        return
    with connection.cursor() as cursor:
        cursor.execute(_capabilities_sql(), [user.pk, user.pk])
        user._perm_cache = {f"{app}.{code}" for app, code in cursor.fetchall()}  # type: ignore[attr-defined]
