"""Demo organisation (演示组织架构): departments, partners, teams and job descriptions.

Drawn from the seed manuals: the club's service department (000), the service duties of each
department (001), the call-center floor rules (002), the job descriptions of 客服经理 and
VIP客服经理 (003), and the real-estate service center with 工程部, the property company and the
repair contractor (004).
"""

from __future__ import annotations

from dataclasses import dataclass

from kefu.org.models import Department, Position, Team
from kefu.web.demo.org_seeds import DEPARTMENTS, TEAMS
from kefu.web.demo.positions import POSITIONS


@dataclass
class OrgRefs:
    departments: dict[str, Department]
    teams: dict[str, Team]
    positions: dict[str, Position]


def ensure_org() -> OrgRefs:
    """Create the departments, teams and positions that do not exist yet (by code)."""
    departments: dict[str, Department] = {}
    for d in DEPARTMENTS:
        departments[d.code], _ = Department.objects.get_or_create(
            code=d.code,
            defaults={
                "name": d.name,
                "kind": d.kind,
                "description": d.description,
                "obligations": d.obligations,
            },
        )
    teams: dict[str, Team] = {}
    for t in TEAMS:
        teams[t.code], _ = Team.objects.get_or_create(
            code=t.code, defaults={"name": t.name, "department": departments[t.department]}
        )
    positions: dict[str, Position] = {}
    for p in POSITIONS:  # superiors come before their subordinates
        positions[p.code], _ = Position.objects.get_or_create(
            code=p.code,
            defaults={
                "title": p.title,
                "department": departments[p.department],
                "superior": positions[p.superior] if p.superior else None,
                "headcount_quota": p.headcount_quota,
                "purpose": p.purpose,
                "duties": p.duties,
                "qualifications": p.qualifications,
                "kpis": p.kpis,
            },
        )
    return OrgRefs(departments=departments, teams=teams, positions=positions)
