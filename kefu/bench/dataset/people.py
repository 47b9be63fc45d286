"""Seeded people (压测人员与客户): departments, teams, positions, staff logins, customers.

Staff are few (hundreds) and go through the ORM with one password hash for all; customers are
many and go through a ``Sink``, with every derived field (pinyin, initials, last 4 digits,
grade and its first grade change) filled the way the customers service fills it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from kefu.accounts.models import User
from kefu.bench.dataset import vocab
from kefu.bench.dataset.sink import Sink, Stamps, next_id
from kefu.customers import grading
from kefu.customers.cells import cached_pinyin_keys, normalize_phone_fast
from kefu.customers.grades import grade_thresholds
from kefu.customers.models import Customer, GradeChange
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Position, Staff, Team

PASSWORD = "Kefu-bench-2026"
INTERNAL = (
    ("bench-service", "客户服务中心"),
    ("bench-engineering", "工程部"),
    ("bench-market", "市场部"),
    ("bench-finance", "财务部"),
    ("bench-property", "物业管理部"),
)
PARTNERS = (("bench-repair", "维修外包公司"), ("bench-courier", "快递合作公司"))
TEAM_ORDINALS = "一二三四五六七八九十"


@dataclass
class Org:
    """What the work orders need of the organisation: ids by role."""

    service: int = 0
    departments: list[int] = field(default_factory=list)  # internal, handling forwarded work
    partners: list[int] = field(default_factory=list)
    teams: list[int] = field(default_factory=list)
    agents_of: dict[int, list[int]] = field(default_factory=dict)  # team → agent user ids
    handlers_of: dict[int, int] = field(default_factory=dict)  # department → handler user
    users: dict[str, list[str]] = field(default_factory=dict)  # role → usernames
    user_ids: dict[str, int] = field(default_factory=dict)
    team_of: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # department id → name


def _name(rng: random.Random) -> str:
    return rng.choice(vocab.SURNAMES) + rng.choice(vocab.GIVEN)


def _team_name(index: int) -> str:
    tens, unit = divmod(index + 1, 10)
    if tens == 0:
        number = TEAM_ORDINALS[unit - 1]
    elif unit == 0:
        number = ("" if tens == 1 else TEAM_ORDINALS[tens - 1]) + "十"
    else:
        number = ("" if tens == 1 else TEAM_ORDINALS[tens - 1]) + "十" + TEAM_ORDINALS[unit - 1]
    return f"呼叫中心{number}组"


def seed_org(*, teams: int, staff: int, rng: random.Random) -> Org:
    """Departments, partners, ``teams`` teams and about ``staff`` logins with their roles."""
    org = Org()
    made = {}
    for code, name in INTERNAL:
        made[code] = Department.objects.create(code=code, name=name)
    service = made["bench-service"]
    for department in made.values():
        if department.pk != service.pk:
            department.parent = service
            department.save(update_fields=["parent"])
    for code, name in PARTNERS:
        made[code] = Department.objects.create(code=code, name=name, kind=DepartmentKind.PARTNER)
    org.service = service.pk
    org.departments = [d.pk for d in made.values() if d.kind == DepartmentKind.INTERNAL][1:]
    org.partners = [d.pk for d in made.values() if d.kind == DepartmentKind.PARTNER]
    org.names = {d.pk: d.name for d in made.values()}
    manager_pos = Position.objects.create(
        title="客服经理", code="bench-manager", department=service
    )
    lead_pos = Position.objects.create(
        title="客服主管", code="bench-supervisor", department=service, superior=manager_pos
    )
    agent_pos = Position.objects.create(
        title="客服专员", code="bench-agent", department=service, superior=lead_pos
    )
    team_rows = [
        Team.objects.create(department=service, name=_team_name(i), code=f"bench-team-{i + 1:02d}")
        for i in range(teams)
    ]
    org.teams = [t.pk for t in team_rows]
    password = make_password(PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}
    plan: list[tuple[str, str, Department, Team | None, Position | None]] = [
        ("admin", "admin", service, None, manager_pos),
        ("senior_manager", "senior", service, None, manager_pos),
    ]
    plan += [("manager", f"manager{i + 1:02d}", service, None, manager_pos) for i in range(4)]
    plan += [("qa", f"qa{i + 1:02d}", service, None, None) for i in range(2)]
    plan.append(("auditor", "auditor01", service, None, None))
    for code, department in made.items():
        if department.pk == service.pk:
            continue
        role = "partner" if department.kind == DepartmentKind.PARTNER else "handler"
        plan.append((role, f"{role}-{code.removeprefix('bench-')}", department, None, None))
    per_team = max((staff - len(plan)) // max(teams, 1) - 1, 2)
    for index, team in enumerate(team_rows):
        plan.append(("supervisor", f"lead{index + 1:02d}", service, team, lead_pos))
        plan += [
            ("agent", f"agent{index + 1:02d}{n + 1:02d}", service, team, agent_pos)
            for n in range(per_team)
        ]
    for number, (role, username, department, member_team, position) in enumerate(plan, 1):
        name = _name(rng)
        user = User.objects.create(
            username=username,
            password=password,
            display_name=name,
            email=f"{username}@bench.kefu.test",
            is_superuser=role == "admin",
        )
        user.groups.add(groups[role])
        member = Staff.objects.create(
            user=user,
            employee_number=f"B{number:05d}",
            name=name,
            department=department,
            team=member_team,
            position=position,
        )
        org.users.setdefault(role, []).append(username)
        org.user_ids[username] = user.pk
        if member_team is not None and role == "agent":
            org.agents_of.setdefault(member_team.pk, []).append(user.pk)
        if member_team is not None and role == "supervisor":
            member_team.leader = member
            member_team.save(update_fields=["leader"])
            org.team_of[username] = member_team.pk
        if role in ("handler", "partner"):
            org.handlers_of[department.pk] = user.pk
    return org


@dataclass
class Customers:
    """The seeded customers: first id, count, grades, phone numbers' last 4 digits."""

    first_id: int
    count: int
    grades: list[str]
    last4: list[str]


def _phone(index: int, rng: random.Random) -> str:
    while True:
        prefix = vocab.MOBILE_PREFIXES[index % len(vocab.MOBILE_PREFIXES)]
        body = (index * 7_919 + 1_234_567) % 100_000_000
        text = f"{prefix}{body:08d}"
        try:
            return normalize_phone_fast(text)
        except Exception:
            index += 1 + rng.randrange(3)


def seed_customers(*, count: int, start: int, end: int, rng: random.Random) -> Customers:
    """``count`` customers created between ``start`` and ``end`` (epoch seconds)."""
    thresholds = grade_thresholds()
    stamps = Stamps()
    first = next_id(Customer)
    sink = Sink(
        Customer,
        ("id", "kind", "name", "name_pinyin", "name_initials", "gender", "phone", "phone_last4",
         "email", "address", "company", "source_channel", "member_number", "member_joined_on",
         "spend_12m", "visits_12m", "grade", "grade_is_manual", "vip_level", "custom_fields",
         "marketing_consent", "is_active", "created_at", "updated_at"),
    )  # fmt: skip
    changes = Sink(
        GradeChange,
        ("customer_id", "from_grade", "to_grade", "is_manual", "reason", "at"),
    )
    grades: list[str] = []
    last4: list[str] = []
    genders = ("male", "female", "unknown")
    channels = ("phone", "phone", "web", "wechat", "wechat", "walk_in", "referral", "event")
    seen: set[str] = set()
    for offset in range(count):
        pk = first + offset
        name = _name(rng)
        full, initials = cached_pinyin_keys(name)
        phone = _phone(offset, rng)
        while phone in seen:
            phone = _phone(offset + count + rng.randrange(10_000_000), rng)
        seen.add(phone)
        visits = int(rng.expovariate(1 / 4))
        spend = Decimal(int(rng.expovariate(1 / 3000) * 100)) / 100
        grade = grading.compute_grade(spend=spend, visits=visits, thresholds=thresholds)
        member = rng.random() < 0.35
        created = start + int((end - start) * rng.random())
        at = stamps.at(created)
        sink.add(
            (pk, "person", name, full[:300], initials[:100], rng.choice(genders), phone,
             phone[-4:], "", "", "", rng.choice(channels), f"M{pk:09d}" if member else None,
             stamps.day(created) if member else None, str(spend), visits, grade, 0,
             1 if grade == "A" and rng.random() < 0.3 else 0, "{}", int(rng.random() < 0.4), 1,
             at, at),
        )  # fmt: skip
        changes.add((pk, "", grade, 0, "", at))
        grades.append(grade)
        last4.append(phone[-4:])
    sink.close()
    changes.close()
    return Customers(first_id=first, count=count, grades=grades, last4=last4)
