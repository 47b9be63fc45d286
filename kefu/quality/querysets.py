"""Reads of service errors (服务差错查询): data scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.quality.models import ServiceError  # noqa: F401


class ServiceErrorQuerySet(models.QuerySet["ServiceError"]):
    def visible_to(self, user: Any) -> ServiceErrorQuerySet:
        """Data scope (数据范围): QA, supervisors and managers (``view_all_serviceerrors``)
        see every error; anyone else with ``view_serviceerror`` the errors held against them:
        registered against them, or against a work order assigned to them with no person
        named; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "quality.view_serviceerror"
        ):
            return self.none()
        if user.has_perm("quality.view_all_serviceerrors"):
            return self
        return self.filter(
            models.Q(person_id=user.pk) | models.Q(person__isnull=True, ticket__assignee_id=user.pk)
        )
