"""Demo history (演示历史数据): six weeks of work orders walked through the real services.

Each working day gets a handful of work orders at office hours; each is moved along its
workflow by the person who may take each step, with time passing between steps
(``kefu.core.clock.travel``), so first responses, deadlines, satisfaction, callbacks and contact
orders carry believable times and the dashboards and KPIs have a past to show. Older work
orders mostly end closed, recent ones are still open. Deterministic (seeded) and idempotent:
nothing is written once the history exists (matched by the title mark).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from kefu.accounts.models import User
from kefu.core.clock import travel
from kefu.core.errors import DomainError
from kefu.customers.models import Customer
from kefu.org.models import Department
from kefu.tickets.choices import SATISFIED_LEVELS
from kefu.tickets.models import Ticket
from kefu.tickets.services import (
    apply_transition,
    create_ticket,
    needs_callback,
    offered_steps,
    record_callback,
)
from kefu.tickets.vocabulary import REOPEN_EFFECT
from kefu.tickets.workflow import Transition

MARK = "【历史】"
DAYS = 42  # default of settings.KEFU_DEMO_HISTORY_DAYS


def history_days() -> int:
    return int(getattr(settings, "KEFU_DEMO_HISTORY_DAYS", DAYS))


TYPES = (("consultation", 40), ("complaint", 22), ("repair", 25), ("after_sales", 8),
         ("suggestion", 5))  # fmt: skip
CHANNELS = (("phone", 55), ("walk_in", 12), ("wechat", 15), ("web", 8), ("email", 5),
            ("suggestion_box", 5))  # fmt: skip
PRIORITIES = (("medium", 60), ("low", 20), ("high", 15), ("urgent", 5))
SATISFACTION = (("very_satisfied", 35), ("satisfied", 45), ("neutral", 12),
                ("dissatisfied", 6), ("very_dissatisfied", 2))  # fmt: skip
TITLES = {
    "consultation": ("会员积分兑换规则", "交房时间", "停车位租赁", "发票开具", "物业费标准"),
    "complaint": ("卫生间漏水", "服务态度差", "维修拖延", "噪音扰民", "地板起拱"),
    "repair": ("楼道灯不亮", "门锁损坏", "水管漏水", "空调不制冷", "电梯异响"),
    "after_sales": ("热水器漏水换货", "电视坏点退货", "橱柜门变形"),
    "suggestion": ("增加快递柜", "延长前台服务时间", "增设充电桩"),
}
CATEGORIES = ("产品质量", "服务态度", "售后问题", "工程质量", "物业服务")
# Steps a believable service center rarely takes in the demo (loops back).
AVOID = frozenset({"send_back", "request_more", "defer", "still_questions", "escalate_major"})


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _fields(move: Transition, rng: random.Random, at: datetime,
            places: Mapping[str, Department]) -> dict[str, object]:  # fmt: skip
    values: dict[str, object] = {}
    for key in move.required_fields:
        if key == "category":
            values[key] = rng.choice(CATEGORIES)
        elif key == "responsible_department":
            values[key] = places["engineering"]
        elif key == "partner":
            values[key] = places["property"]
        elif key.endswith("_at"):
            values[key] = (at + timedelta(days=rng.choice((1, 2, 3)))).isoformat()
        elif key == "satisfaction":
            wanted = "satisfied" in move.conditions
            levels = tuple(lv for lv in SATISFACTION if (lv[0] in SATISFIED_LEVELS) == wanted)
            values[key] = _pick(rng, levels)
        elif key == "resolution":
            values[key] = rng.choice(("退货", "换货"))
        else:
            values[key] = "已处理" if key not in ("reply", "solution") else "已按规定处理并答复客户"
    return values


def _actor_for(move: Transition, users: Mapping[str, User], ticket: Ticket) -> User:
    outside = "partner" if ticket.partner_id else "handler"
    for name in ("agent", "supervisor", "manager", outside):
        user = users.get(name)
        if user is not None and user.has_perm(move.permission):
            return user
    return users["manager"]


def _walk(ticket: Ticket, users: Mapping[str, User], rng: random.Random, start: datetime,
          steps: int, places: Mapping[str, Department], until: datetime) -> None:  # fmt: skip
    at = start
    for _ in range(steps):
        at += timedelta(minutes=rng.choice((15, 40, 90, 180, 300, 600)))
        if at >= until:
            return
        ticket = Ticket.objects.select_related("workflow_version", "customer").get(pk=ticket.pk)
        with travel(at):
            if needs_callback(ticket):
                outcome = "reached" if rng.random() < 0.85 else "not_reached"
                record_callback(actor=users["agent"], ticket=ticket, outcome=outcome,
                                satisfaction=_pick(rng, SATISFACTION) if outcome == "reached"
                                else "")  # fmt: skip
                continue
            moves = [m for m in offered_steps(ticket, users["manager"])
                     if m.code not in AVOID and REOPEN_EFFECT not in m.effects]  # fmt: skip
            for outside in ("handler", "partner"):  # the department's or partner's own steps
                if not moves:
                    moves = [
                        m for m in offered_steps(ticket, users[outside]) if m.code not in AVOID
                    ]
            if not moves:
                return
            move = rng.choice(moves)
            try:
                ticket = apply_transition(actor=_actor_for(move, users, ticket), ticket=ticket,
                                          transition=move.code,
                                          fields=_fields(move, rng, at, places))  # fmt: skip
            except DomainError:
                continue  # a guard the record does not meet (e.g. still dissatisfied)


def ensure_history(*, users: Mapping[str, User], today: date, seed: int = 11) -> int:
    """Write six weeks of history unless it exists; returns how many work orders it opened."""
    if "agent" not in users or Ticket.objects.filter(title__startswith=MARK).exists():
        return 0
    rng = random.Random(seed)
    places = {d.code: d for d in Department.objects.filter(code__in=("engineering", "property"))}
    customers = list(Customer.objects.order_by("id").values_list("pk", flat=True)[:600])
    if len(places) < 2 or not customers:
        return 0
    tz = timezone.get_current_timezone()
    until = timezone.now()
    opened = 0
    for back in range(history_days(), 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5 and rng.random() < 0.6:
            continue
        for _ in range(rng.randint(5, 11)):
            minute = rng.randint(9 * 60, 17 * 60 + 30)
            start = datetime.combine(day, time(minute // 60, minute % 60), tz)
            kind = _pick(rng, TYPES)
            with travel(start):
                ticket = create_ticket(
                    actor=users["agent"],
                    type_code=kind,
                    customer=Customer.objects.get(pk=rng.choice(customers)),
                    channel=_pick(rng, CHANNELS),
                    priority=_pick(rng, PRIORITIES),
                    title=MARK + rng.choice(TITLES[kind]),
                )
            depth = 12 if back > 7 else rng.randint(0, 6)
            _walk(ticket, users, rng, start, depth, places, until)
            opened += 1
    return opened
