"""Position writers (岗位): positions, their reporting lines and job descriptions (岗位说明书)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.org.models import Position
from kefu.org.services.common import (
    Errors,
    closes_cycle,
    has_staff_elsewhere,
    require,
    taken,
    write,
)

POSITION_FIELDS = (
    "title",
    "code",
    "department",
    "superior",
    "headcount_quota",
    "purpose",
    "duties",
    "qualifications",
    "kpis",
)


def create_position(*, actor: User | None, data: Mapping[str, Any]) -> Position:
    """Create a position (新建岗位) with its job description (岗位说明书)."""
    require(actor, "org.add_position")
    return write(actor, Position(), data, POSITION_FIELDS, _position_errors)


def update_position(*, actor: User | None, position: Position, data: Mapping[str, Any]) -> Position:
    """Change a position or its job description (修改岗位)."""
    require(actor, "org.change_position")
    return write(actor, position, data, POSITION_FIELDS, _position_errors)


def _position_errors(position: Position) -> Errors:
    errors: Errors = {}
    if taken(Position, position, code__iexact=position.code):
        errors["code"] = [_("Another position already uses this code.")]
    if position.superior_id is not None and closes_cycle(
        Position, position.pk, position.superior_id, "superior_id"
    ):
        errors["superior"] = [
            _("A position cannot report to itself or to one of its subordinate positions.")
        ]
    if has_staff_elsewhere(position.pk, position.department_id, "position_id"):
        errors["department"] = [
            _("Staff members of the current department hold this position; reassign them first.")
        ]
    return errors
