"""Department writers (部门): internal departments and external partner companies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.org.models import Department
from kefu.org.services.common import Errors, closes_cycle, require, taken, write

DEPARTMENT_FIELDS = ("name", "code", "kind", "parent", "description", "obligations", "is_active")


def create_department(*, actor: User | None, data: Mapping[str, Any]) -> Department:
    """Create a department (新建部门), internal or an external partner company."""
    require(actor, "org.add_department")
    return write(actor, Department(), data, DEPARTMENT_FIELDS, _department_errors)


def update_department(
    *, actor: User | None, department: Department, data: Mapping[str, Any]
) -> Department:
    """Change a department (修改部门); it may not move under itself or its sub-departments."""
    require(actor, "org.change_department")
    return write(actor, department, data, DEPARTMENT_FIELDS, _department_errors)


def _department_errors(department: Department) -> Errors:
    errors: Errors = {}
    if taken(Department, department, code__iexact=department.code):
        errors["code"] = [_("Another department already uses this code.")]
    if department.parent_id is not None and closes_cycle(
        Department, department.pk, department.parent_id, "parent_id"
    ):
        errors["parent"] = [
            _("A department cannot be placed under itself or one of its sub-departments.")
        ]
    return errors
