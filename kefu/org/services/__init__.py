"""Organisation services (组织服务): the only writers of departments, teams, positions and staff.

Each writer is keyword-only, runs in one transaction, checks the whole new state (field rules,
unique codes and employee numbers, the department and position trees, a team or position
belonging to the staff member's department) and appends one audit entry with before → after.
``data`` holds model field names; related objects are passed as instances, already restricted
to what the caller may see. An update applies only the keys present in ``data``.
"""

from __future__ import annotations

from kefu.org.services.departments import create_department, update_department
from kefu.org.services.positions import create_position, update_position
from kefu.org.services.staff import create_staff, update_staff
from kefu.org.services.teams import create_team, update_team

__all__ = [
    "create_department",
    "create_position",
    "create_staff",
    "create_team",
    "update_department",
    "update_position",
    "update_staff",
    "update_team",
]
