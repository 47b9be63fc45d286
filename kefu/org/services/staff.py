"""Staff writers (员工): staff members, their place in the organisation and their login."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.org.models import Staff
from kefu.org.services.common import Errors, require, taken, write

STAFF_FIELDS = (
    "employee_number",
    "name",
    "department",
    "team",
    "position",
    "user",
    "phone",
    "email",
    "skills",
    "status",
    "joined_on",
)
MAX_SKILL_LENGTH = 50


def create_staff(*, actor: User | None, data: Mapping[str, Any]) -> Staff:
    """Create a staff member (新建员工), optionally linked to an existing login."""
    require(actor, "org.add_staff")
    cleaned, refused = _normalise_staff(data)
    return write(actor, Staff(), cleaned, STAFF_FIELDS, _staff_errors, refused)


def update_staff(*, actor: User | None, staff: Staff, data: Mapping[str, Any]) -> Staff:
    """Change a staff member (修改员工): position, team, status, login …"""
    require(actor, "org.change_staff")
    cleaned, refused = _normalise_staff(data)
    return write(actor, staff, cleaned, STAFF_FIELDS, _staff_errors, refused)


def _normalise_staff(data: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
    """The phone in its normal form, skills as a list of distinct texts; what cannot be read
    is left out of the data and reported."""
    cleaned = dict(data)
    refused: Errors = {}
    if "phone" in cleaned:
        raw = str(cleaned.pop("phone") or "").strip()
        try:
            cleaned["phone"] = normalize_phone(raw)
        except InvalidPhone:
            refused["phone"] = [_("Enter a valid phone number.")]
    if "skills" in cleaned:
        skills = cleaned.pop("skills") or []
        if isinstance(skills, str) or not isinstance(skills, Iterable):
            refused["skills"] = [_("Skills must be a list of short texts.")]
        else:
            unique: list[str] = []
            for skill in skills:
                text = str(skill).strip()
                if text and text not in unique:
                    unique.append(text)
            if any(len(text) > MAX_SKILL_LENGTH for text in unique):
                refused["skills"] = [
                    _("Each skill may have at most %(count)d characters.")
                    % {"count": MAX_SKILL_LENGTH}
                ]
            else:
                cleaned["skills"] = unique
    return cleaned, refused


def _staff_errors(staff: Staff) -> Errors:
    errors: Errors = {}
    if staff.employee_number and taken(Staff, staff, employee_number__iexact=staff.employee_number):
        errors["employee_number"] = [_("Another staff member already has this employee number.")]
    if staff.team is not None and staff.team.department_id != staff.department_id:
        errors["team"] = [_("The team belongs to another department.")]
    if staff.position is not None and staff.position.department_id != staff.department_id:
        errors["position"] = [_("The position belongs to another department.")]
    if staff.user_id is not None and taken(Staff, staff, user_id=staff.user_id):
        errors["user"] = [_("This login already belongs to another staff member.")]
    return errors
