"""Organisation API (组织接口): departments, teams, positions and staff at /api/v1/.

Lists are keyset pages ``{"items": [...], "next_cursor": ...}``; reads need ``org.view_*``,
writes ``org.add_*`` / ``org.change_*`` and go through ``kefu.org.services``. Rows outside the
caller's scope answer 404. Related rows are given by id (``parent_id``, ``department_id`` …);
a staff member's login by username. Phones are always masked.

One module per resource; each operation id is pinned (``kefu_org_api_<view>``) so that the
OpenAPI schema does not change when code moves between modules.
"""

from __future__ import annotations

from ninja import Router

from kefu.org.api import departments, positions, staff, teams

router = Router()
router.add_router("", departments.router)
router.add_router("", teams.router)
router.add_router("", positions.router)
router.add_router("", staff.router)
