"""Data scope (数据范围): where a user stands in the organisation, for ``visible_to`` rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kefu.org.models import Staff


@dataclass(frozen=True)
class OrgPlace:
    staff_id: int | None
    team_id: int | None
    department_id: int | None
    is_partner: bool


NOWHERE = OrgPlace(staff_id=None, team_id=None, department_id=None, is_partner=False)


def place_of(user: Any) -> OrgPlace:
    """The user's staff record, team and department (a partner user's department is its company)."""
    if not getattr(user, "is_authenticated", False):
        return NOWHERE
    cached: OrgPlace | None = getattr(user, "_kefu_place", None)
    if cached is not None:
        return cached
    staff = Staff.objects.select_related("department").filter(user_id=user.pk).first()
    place = (
        NOWHERE
        if staff is None
        else OrgPlace(
            staff_id=staff.pk,
            team_id=staff.team_id,
            department_id=staff.department_id,
            is_partner=staff.department.is_partner,
        )
    )
    user._kefu_place = place
    return place
