"""Organisation services (组织服务): the only writers of departments, teams, positions and staff.

Each writer is keyword-only, runs in one transaction, checks the whole new state (field rules,
unique codes and employee numbers, the department and position trees, a team or position
belonging to the staff member's department) and appends one audit entry with before → after.
``data`` holds model field names; related objects are passed as instances, already restricted
to what the caller may see. An update applies only the keys present in ``data``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.core.masking import mask_phone
from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.org.choices import StaffStatus
from kefu.org.models import Department, Position, Staff, Team

M = TypeVar("M", bound=models.Model)
Errors = dict[str, list[str]]

DEPARTMENT_FIELDS = ("name", "code", "kind", "parent", "description", "obligations", "is_active")
TEAM_FIELDS = ("department", "name", "code", "leader", "is_active")
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
# Personal data is written to the audit log masked.
MASKED_FIELDS: dict[str, Callable[[str], str]] = {"phone": mask_phone}
TEXT_FIELDS = frozenset(
    {
        "name",
        "code",
        "title",
        "employee_number",
        "email",
        "description",
        "obligations",
        "purpose",
        "duties",
        "qualifications",
        "kpis",
    }
)
MAX_SKILL_LENGTH = 50


# --- departments -----------------------------------------------------------------------------


def create_department(*, actor: User | None, data: Mapping[str, Any]) -> Department:
    """Create a department (新建部门), internal or an external partner company."""
    _require(actor, "org.add_department")
    return _create(actor, Department(), data, DEPARTMENT_FIELDS, _department_errors)


def update_department(
    *, actor: User | None, department: Department, data: Mapping[str, Any]
) -> Department:
    """Change a department (修改部门); it may not move under itself or its sub-departments."""
    _require(actor, "org.change_department")
    return _update(actor, department, data, DEPARTMENT_FIELDS, _department_errors)


def _department_errors(department: Department) -> Errors:
    errors: Errors = {}
    if _taken(Department, department, code__iexact=department.code):
        errors["code"] = [_("Another department already uses this code.")]
    if department.parent_id is not None and _closes_cycle(
        Department, department.pk, department.parent_id, "parent_id"
    ):
        errors["parent"] = [
            _("A department cannot be placed under itself or one of its sub-departments.")
        ]
    return errors


# --- teams -----------------------------------------------------------------------------------


def create_team(*, actor: User | None, data: Mapping[str, Any]) -> Team:
    """Create a team (新建班组) inside a department."""
    _require(actor, "org.add_team")
    return _create(actor, Team(), data, TEAM_FIELDS, _team_errors)


def update_team(*, actor: User | None, team: Team, data: Mapping[str, Any]) -> Team:
    """Change a team (修改班组)."""
    _require(actor, "org.change_team")
    return _update(actor, team, data, TEAM_FIELDS, _team_errors)


def _team_errors(team: Team) -> Errors:
    errors: Errors = {}
    if _taken(Team, team, code__iexact=team.code):
        errors["code"] = [_("Another team already uses this code.")]
    if team.leader is not None:
        if team.leader.department_id != team.department_id:
            errors["leader"] = [_("The team leader must be a staff member of the department.")]
        elif team.leader.status == StaffStatus.LEFT:
            errors["leader"] = [_("A staff member who has left cannot lead a team.")]
    if (
        team.pk is not None
        and team.department_id is not None
        and Staff.objects.filter(team_id=team.pk).exclude(department_id=team.department_id).exists()
    ):
        errors["department"] = [
            _("The team still has members in its current department; move them first.")
        ]
    return errors


# --- positions -------------------------------------------------------------------------------


def create_position(*, actor: User | None, data: Mapping[str, Any]) -> Position:
    """Create a position (新建岗位) with its job description (岗位说明书)."""
    _require(actor, "org.add_position")
    return _create(actor, Position(), data, POSITION_FIELDS, _position_errors)


def update_position(*, actor: User | None, position: Position, data: Mapping[str, Any]) -> Position:
    """Change a position or its job description (修改岗位)."""
    _require(actor, "org.change_position")
    return _update(actor, position, data, POSITION_FIELDS, _position_errors)


def _position_errors(position: Position) -> Errors:
    errors: Errors = {}
    if _taken(Position, position, code__iexact=position.code):
        errors["code"] = [_("Another position already uses this code.")]
    if position.superior_id is not None and _closes_cycle(
        Position, position.pk, position.superior_id, "superior_id"
    ):
        errors["superior"] = [
            _("A position cannot report to itself or to one of its subordinate positions.")
        ]
    if (
        position.pk is not None
        and position.department_id is not None
        and Staff.objects.filter(position_id=position.pk)
        .exclude(department_id=position.department_id)
        .exists()
    ):
        errors["department"] = [
            _("Staff members of the current department hold this position; reassign them first.")
        ]
    return errors


# --- staff -----------------------------------------------------------------------------------


def create_staff(*, actor: User | None, data: Mapping[str, Any]) -> Staff:
    """Create a staff member (新建员工), optionally linked to an existing login."""
    _require(actor, "org.add_staff")
    cleaned, refused = _normalise_staff(data)
    return _create(actor, Staff(), cleaned, STAFF_FIELDS, _staff_errors, refused)


def update_staff(*, actor: User | None, staff: Staff, data: Mapping[str, Any]) -> Staff:
    """Change a staff member (修改员工): position, team, status, login …"""
    _require(actor, "org.change_staff")
    cleaned, refused = _normalise_staff(data)
    return _update(actor, staff, cleaned, STAFF_FIELDS, _staff_errors, refused)


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
    if staff.employee_number and _taken(
        Staff, staff, employee_number__iexact=staff.employee_number
    ):
        errors["employee_number"] = [_("Another staff member already has this employee number.")]
    if staff.team is not None and staff.team.department_id != staff.department_id:
        errors["team"] = [_("The team belongs to another department.")]
    if staff.position is not None and staff.position.department_id != staff.department_id:
        errors["position"] = [_("The position belongs to another department.")]
    if staff.user_id is not None and _taken(Staff, staff, user_id=staff.user_id):
        errors["user"] = [_("This login already belongs to another staff member.")]
    return errors


# --- shared steps ----------------------------------------------------------------------------


def _require(actor: User | None, perm: str) -> None:
    """``actor`` None is the system itself (migrations, presets, the CLI)."""
    if actor is not None and not actor.has_perm(perm):
        raise NotPermitted(_("You are not allowed to do this."))


def _create(
    actor: User | None,
    obj: M,
    data: Mapping[str, Any],
    fields: tuple[str, ...],
    rules: Callable[[M], Errors],
    refused: Errors | None = None,
) -> M:
    _assign(obj, data, fields)
    with transaction.atomic():
        _validate(obj, fields, rules, refused)
        _save(obj)
        after = _audit_snapshot(obj, fields)
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
        record(actor=actor, action=AuditAction.CREATE, obj=obj, changes=changes)
    return obj


def _update(
    actor: User | None,
    obj: M,
    data: Mapping[str, Any],
    fields: tuple[str, ...],
    rules: Callable[[M], Errors],
    refused: Errors | None = None,
) -> M:
    model = type(obj)
    with transaction.atomic():
        # A fresh, locked copy: the caller's instance stays untouched if the update is refused.
        current: M = model._default_manager.select_for_update().get(pk=obj.pk)
        before = snapshot(current, fields)
        _assign(current, data, fields)
        _validate(current, fields, rules, refused)
        after = snapshot(current, fields)
        changes = diff(before, after)
        if not changes:
            return current
        _save(current)
        for name, mask in MASKED_FIELDS.items():
            if name in changes:
                changes[name] = [mask(str(value or "")) for value in changes[name]]
        record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def _assign(obj: models.Model, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"unknown fields for {type(obj).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        if name in TEXT_FIELDS and isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)


def _validate(
    obj: M, fields: tuple[str, ...], rules: Callable[[M], Errors], refused: Errors | None
) -> None:
    """Values the caller's normaliser refused, field rules (required, length, choices, slugs,
    e-mail), then the business rules; all reported together, one list per field."""
    errors: Errors = {name: list(messages) for name, messages in (refused or {}).items()}
    exclude = {f.name for f in obj._meta.fields if f.name not in fields} | set(errors)
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for name, messages in rules(obj).items():
        if name not in errors:
            errors[name] = messages
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)


def _save(obj: models.Model) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        # Two writers passed the uniqueness checks at the same moment.
        raise Conflict(
            _("Another record with the same code or number was saved just now. Try again.")
        ) from exc


def _audit_snapshot(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    values = snapshot(obj, fields)
    for name, mask in MASKED_FIELDS.items():
        if name in values:
            values[name] = mask(str(values[name] or ""))
    return values


def _taken(model: type[models.Model], obj: models.Model, **lookup: Any) -> bool:
    rows = model._default_manager.filter(**lookup)
    if obj.pk is not None:
        rows = rows.exclude(pk=obj.pk)
    return rows.exists()


def _closes_cycle(
    model: type[models.Model], pk: int | None, new_parent_id: int, parent_field: str
) -> bool:
    """Whether pointing row ``pk`` at ``new_parent_id`` would make it its own ancestor."""
    if pk is None:
        return False
    parents: dict[int, int | None] = dict(
        model._default_manager.values_list("id", parent_field)  # one query for the whole tree
    )
    seen: set[int] = set()
    node: int | None = new_parent_id
    while node is not None and node not in seen:
        if node == pk:
            return True
        seen.add(node)
        node = parents.get(node)
    return False
