"""Reads of the audit log (审计查询): append-only, so update and delete are refused here too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models

if TYPE_CHECKING:
    from kefu.audit.models import AuditEntry  # noqa: F401


class AppendOnlyError(Exception):
    """The audit log (审计日志) cannot be changed or deleted."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries are append-only")

    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        if user.is_authenticated and user.has_perm("audit.view_auditentry"):
            return self
        return self.none()
