"""Who the org tests act as: the role sets each page and endpoint admits, and the shared world."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kefu.org.models import Department, Position, Staff

ROLES = (
    "admin",
    "manager",
    "supervisor",
    "agent",
    "qa",
    "auditor",
    "handler",
    "partner",
    "other_partner",
)
VIEWERS = {"admin", "manager", "supervisor", "agent", "qa", "auditor"}
ORG_ADMINS = {"admin"}  # departments and teams
PEOPLE_MANAGERS = {"admin", "manager"}  # positions and staff


@dataclass
class World:
    cast: Any
    lead: Position
    agent_position: Position
    agent_staff: Staff
    sub_department: Department
