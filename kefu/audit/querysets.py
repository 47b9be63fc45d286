"""Reads of the audit log (审计查询): append-only, so update and delete are refused here too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kefu.core.appendonly import AppendOnlyQuerySet

if TYPE_CHECKING:
    from kefu.audit.models import AuditEntry  # noqa: F401


class AuditEntryQuerySet(AppendOnlyQuerySet["AuditEntry"]):
    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        if user.is_authenticated and user.has_perm("audit.view_auditentry"):
            return self
        return self.none()
