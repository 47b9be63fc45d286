"""Demo people (演示人员): one login per role, and further staff without logins."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from kefu.accounts.models import User
from kefu.accounts.services import create_user
from kefu.org.choices import StaffStatus
from kefu.org.models import Staff
from kefu.web.demo.names import person_name
from kefu.web.demo.org import OrgRefs

DEMO_PASSWORD = "kefu-demo"


@dataclass(frozen=True)
class LoginSeed:
    username: str
    role: str
    name: str
    employee_number: str
    department: str
    team: str | None
    position: str
    skills: tuple[str, ...] = ()


LOGINS: tuple[LoginSeed, ...] = (
    LoginSeed("admin", "admin", "孙立新", "KF001", "tech-support", None, "sysadmin"),
    LoginSeed(
        "manager", "manager", "王海燕", "KF002", "service", None, "service-manager", ("投诉处理",)
    ),
    LoginSeed(
        "supervisor",
        "supervisor",
        "李娜",
        "KF003",
        "service",
        "call-center",
        "supervisor",
        ("电话接待", "投诉处理", "排班"),
    ),
    LoginSeed(
        "agent",
        "agent",
        "张伟",
        "KF004",
        "service",
        "call-center",
        "agent",
        ("电话接待", "咨询解答"),
    ),
    LoginSeed("qa", "qa", "陈静", "KF005", "service", None, "qa", ("质检",)),
    LoginSeed(
        "handler",
        "handler",
        "刘强",
        "KF006",
        "engineering",
        None,
        "engineering-coordinator",
        ("房屋维修", "质量验收"),
    ),
    LoginSeed("partner", "partner", "赵敏", "KF007", "property", None, "property-liaison"),
    LoginSeed("auditor", "auditor", "周志明", "KF008", "admin-office", None, "internal-auditor"),
    LoginSeed(
        "director",
        "senior_manager",
        "黄建国",
        "KF009",
        "service",
        None,
        "senior-manager",
        ("投诉处理", "数据分析"),
    ),
)

# Further staff without logins: (department, team, position, how many, skills to pick from).
PLACEMENTS: tuple[tuple[str, str | None, str, int, tuple[str, ...]], ...] = (
    ("service", "vip", "vip-manager", 3, ("VIP接待", "电话回访", "营销")),
    ("service", "front-desk", "supervisor", 1, ("来访接待", "排班")),
    ("service", "complaints", "supervisor", 1, ("投诉处理", "排班")),
    ("service", "vip", "supervisor", 1, ("VIP接待", "排班")),
    ("service", "call-center", "agent", 8, ("电话接待", "咨询解答", "英语", "粤语", "电话回访")),
    ("service", "front-desk", "agent", 4, ("来访接待", "会员业务办理", "咨询解答")),
    ("service", "complaints", "agent", 3, ("投诉处理", "电话回访", "工作联系单")),
    ("service", None, "qa", 1, ("质检", "培训")),
    ("service", None, "clerk", 1, ("档案管理", "工作联系单")),
    ("engineering", None, "engineering-coordinator", 1, ("房屋维修", "质量验收")),
    ("property", None, "property-liaison", 1, ("物业服务",)),
    ("contractor", None, "contractor-lead", 2, ("水电维修", "防水维修")),
    ("sales", None, "sales-consultant", 2, ("销售", "客户开发")),
    ("tech-support", None, "support-engineer", 1, ("故障排除", "系统安装")),
)

TEAM_LEADERS = {"call-center": "KF003"}  # the other teams are led by their first supervisor


@dataclass(frozen=True)
class StaffSeed:
    employee_number: str
    name: str
    department: str
    team: str | None
    position: str
    phone: str
    skills: tuple[str, ...]
    status: str
    joined_on: date


def staff_seeds(today: date, seed: int = 2024) -> list[StaffSeed]:
    """The staff without logins, numbered after the logins (KF009 …). Deterministic."""
    rng = random.Random(seed)
    seeds: list[StaffSeed] = []
    number = len(LOGINS)
    for department, team, position, count, skills in PLACEMENTS:
        for _ in range(count):
            number += 1
            gender = rng.choice(("male", "female"))
            status = StaffStatus.ON_LEAVE if number % 13 == 0 else StaffStatus.ACTIVE
            seeds.append(
                StaffSeed(
                    employee_number=f"KF{number:03d}",
                    name=person_name(rng, gender),
                    department=department,
                    team=team,
                    position=position,
                    phone=f"139{rng.randrange(10**8):08d}",
                    skills=tuple(sorted(rng.sample(skills, k=min(len(skills), 2)))),
                    status=status,
                    joined_on=today - timedelta(days=rng.randrange(60, 8 * 365)),
                )
            )
    return seeds


@dataclass
class PeopleResult:
    users: dict[str, User]
    created_users: int
    created_staff: int


def ensure_people(org: OrgRefs, *, today: date) -> PeopleResult:
    """Create the demo logins (password ``kefu-demo``) and staff that do not exist yet."""
    users: dict[str, User] = {}
    created_users = created_staff = 0
    staff_by_number: dict[str, Staff] = {}
    for login in LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=login.username,
                password=DEMO_PASSWORD,
                display_name=login.name,
                email=f"{login.username}@example.com",
                roles=[login.role],
            )
            created_users += 1
        users[login.username] = user
        staff, created = Staff.objects.get_or_create(
            employee_number=login.employee_number,
            defaults={
                "user": user if not Staff.objects.filter(user=user).exists() else None,
                "name": login.name,
                "department": org.departments[login.department],
                "team": org.teams[login.team] if login.team else None,
                "position": org.positions[login.position],
                "email": user.email,
                "skills": list(login.skills),
                "joined_on": today - timedelta(days=3 * 365),
            },
        )
        created_staff += created
        staff_by_number[staff.employee_number] = staff
    existing = set(
        Staff.objects.filter(
            employee_number__in=[s.employee_number for s in staff_seeds(today)]
        ).values_list("employee_number", flat=True)
    )
    new_staff = [
        Staff(
            employee_number=s.employee_number,
            name=s.name,
            department=org.departments[s.department],
            team=org.teams[s.team] if s.team else None,
            position=org.positions[s.position],
            phone=s.phone,
            skills=list(s.skills),
            status=s.status,
            joined_on=s.joined_on,
        )
        for s in staff_seeds(today)
        if s.employee_number not in existing
    ]
    Staff.objects.bulk_create(new_staff)
    created_staff += len(new_staff)
    _ensure_team_leaders(org)
    return PeopleResult(users=users, created_users=created_users, created_staff=created_staff)


def _ensure_team_leaders(org: OrgRefs) -> None:
    """A team without a leader gets its designated or first supervisor."""
    for code, team in org.teams.items():
        if team.leader_id is not None:
            continue
        leaders = Staff.objects.filter(team=team, position=org.positions["supervisor"])
        if code in TEAM_LEADERS:
            leaders = leaders.filter(employee_number=TEAM_LEADERS[code])
        leader = leaders.order_by("employee_number").first()
        if leader is not None:
            team.leader = leader
            team.save(update_fields=["leader"])
