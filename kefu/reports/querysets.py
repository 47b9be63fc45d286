"""Reads of reports (报表查询)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.reports.models import Report  # noqa: F401


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Any) -> ReportQuerySet:
        """Stored reports are read by whoever may view reports (managers, supervisors, senior
        managers, auditors); reports hold no personal data beyond staff names."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm("reports.view_report"):
            return self.none()
        return self
