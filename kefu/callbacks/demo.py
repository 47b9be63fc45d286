"""Demo callbacks (演示回访): the shipped care rules and a day's callbacks for ``agent``.

``ensure_demo_callbacks(users)`` is idempotent: rules are matched by name, tasks by their
deduplication key (``demo:<n>``), so a second load creates nothing. ``users`` maps usernames
to users (the demo people); without an ``agent`` no tasks are made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from kefu.callbacks.choices import AssigneeStrategy, RuleKind
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackReason, CallbackRule
from kefu.callbacks.services import complete_task, schedule_task
from kefu.core import clock
from kefu.customers.models import Customer
from kefu.org.models import Team

WED_THU = [2, 3]  # seed 003: birthdays, member days and stored wine on Wednesday and Thursday
# name, kind, active, days, extra fields
RULES: tuple[tuple[str, str, bool, int, dict[str, Any]], ...] = (
    ("投诉与报修回访时限", RuleKind.TICKET, True, 2, {"type_codes": ["complaint", "repair"]}),
    ("投诉/报修关闭后七日回访", RuleKind.AFTER_CLOSE, True, 7,
     {"type_codes": ["complaint", "repair"], "note": "了解问题是否彻底解决"}),
    ("分级定期回访（A月/B季/C半年）", RuleKind.PERIODIC, True, 0,
     {"daily_limit": 20, "team": "call-center", "note": "了解近期消费体验"}),
    ("每周生日关怀", RuleKind.BIRTHDAY, True, 7,
     {"weekdays": WED_THU, "note": "生日祝福，邀请到店"}),
    ("会员日提醒", RuleKind.MEMBER_DAY, True, 2, {"weekdays": WED_THU, "note": "会员日优惠提醒"}),
    ("存酒到期提醒", RuleKind.STORED_ITEM, True, 14, {"weekdays": WED_THU}),
    ("沉睡客户唤醒", RuleKind.DORMANT, False, 180, {"daily_limit": 10}),
)  # fmt: skip
TASK_REASONS = (
    CallbackReason.PERIODIC,
    CallbackReason.BIRTHDAY,
    CallbackReason.MEMBER_DAY,
    CallbackReason.STORED_ITEM,
    CallbackReason.DORMANT,
    CallbackReason.MANUAL,
)
NOTES = (
    "了解近期消费体验",
    "生日祝福",
    "会员日优惠提醒",
    "存酒即将到期",
    "邀请回店体验",
    "客户要求回电",
)
TASKS = 20
DONE_TODAY = 3


def ensure_demo_rules() -> int:
    """Create the shipped rules that do not exist yet (matched by name)."""
    created = 0
    teams = {t.code: t for t in Team.objects.all()}
    for name, kind, active, days, extra in RULES:
        if CallbackRule.objects.filter(name=name).exists():
            continue
        fields = dict(extra)
        team_code = fields.pop("team", None)
        team = teams.get(team_code) if isinstance(team_code, str) else None
        CallbackRule.objects.create(
            name=name,
            kind=kind,
            is_active=active,
            days=days,
            team=team,
            assignee_strategy=AssigneeStrategy.OWNER,
            updated_at=clock.now(),
            **fields,
        )
        created += 1
    return created


def ensure_demo_callbacks(users: Mapping[str, Any]) -> int:
    """The shipped rules and ~20 tasks of ``agent`` due today or overdue (3 done today);
    returns how many tasks were created."""
    created = 0
    with transaction.atomic():
        ensure_demo_rules()
        agent = users.get("agent")
        if agent is None:
            return 0
        today = local_today()
        customers = list(
            Customer.objects.filter(is_active=True).exclude(phone="").order_by("pk")[:TASKS]
        )
        for n, customer in enumerate(customers):
            task, made = schedule_task(
                actor=None,
                customer=customer,
                reason=TASK_REASONS[n % len(TASK_REASONS)],
                due_on=today - dt.timedelta(days=n % 4),
                dedupe_key=f"demo:{n}",
                assignee=agent,
                note=NOTES[n % len(NOTES)],
            )
            created += made
            if made and n < DONE_TODAY:
                complete_task(
                    actor=agent, task=task, outcome="reached", satisfaction="satisfied",
                    notes="客户表示满意",
                )  # fmt: skip
    return created
