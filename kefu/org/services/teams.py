"""Team writers (班组): the teams inside a department and their leaders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.org.choices import StaffStatus
from kefu.org.models import Team
from kefu.org.services.common import Errors, has_staff_elsewhere, require, taken, write

TEAM_FIELDS = ("department", "name", "code", "leader", "is_active")


def create_team(*, actor: User | None, data: Mapping[str, Any]) -> Team:
    """Create a team (新建班组) inside a department."""
    require(actor, "org.add_team")
    return write(actor, Team(), data, TEAM_FIELDS, _team_errors)


def update_team(*, actor: User | None, team: Team, data: Mapping[str, Any]) -> Team:
    """Change a team (修改班组)."""
    require(actor, "org.change_team")
    return write(actor, team, data, TEAM_FIELDS, _team_errors)


def _team_errors(team: Team) -> Errors:
    errors: Errors = {}
    if taken(Team, team, code__iexact=team.code):
        errors["code"] = [_("Another team already uses this code.")]
    if team.leader is not None:
        if team.leader.department_id != team.department_id:
            errors["leader"] = [_("The team leader must be a staff member of the department.")]
        elif team.leader.status == StaffStatus.LEFT:
            errors["leader"] = [_("A staff member who has left cannot lead a team.")]
    if has_staff_elsewhere(team.pk, team.department_id, "team_id"):
        errors["department"] = [
            _("The team still has members in its current department; move them first.")
        ]
    return errors
