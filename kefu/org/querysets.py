"""Reads of the organisation (组织查询), each with ``visible_to(user)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.org.models import Department, Position, Staff, Team  # noqa: F401


def _can(user: Any, perm: str) -> bool:
    return bool(user.is_authenticated and user.has_perm(perm))


class DepartmentQuerySet(models.QuerySet["Department"]):
    def visible_to(self, user: Any) -> DepartmentQuerySet:
        return self if _can(user, "org.view_department") else self.none()

    def partners(self) -> DepartmentQuerySet:
        return self.filter(kind="partner")


class TeamQuerySet(models.QuerySet["Team"]):
    def visible_to(self, user: Any) -> TeamQuerySet:
        return self if _can(user, "org.view_team") else self.none()


class PositionQuerySet(models.QuerySet["Position"]):
    def visible_to(self, user: Any) -> PositionQuerySet:
        return self if _can(user, "org.view_position") else self.none()

    def with_staff_count(self) -> PositionQuerySet:
        annotated: PositionQuerySet = self.annotate(
            active_staff=models.Count("staff", filter=models.Q(staff__status="active"))
        )
        return annotated


class StaffQuerySet(models.QuerySet["Staff"]):
    def visible_to(self, user: Any) -> StaffQuerySet:
        return self if _can(user, "org.view_staff") else self.none()

    def active(self) -> StaffQuerySet:
        return self.filter(status="active")
