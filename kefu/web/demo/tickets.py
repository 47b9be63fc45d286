"""Demo work orders (演示工单): a believable day's queue, walked through the real services.

Each seed is opened by an agent and moved along its workflow with ``apply_transition`` (so
events, contact orders, deadlines and audit rows are the real thing), then some are assigned.
Idempotent: nothing is created once any demo work order exists (matched by title).
The SLA policies are pointed at the ``office`` calendar the first time.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from kefu.accounts.models import User
from kefu.core.clock import now
from kefu.customers.models import Customer
from kefu.org.models import Department, Team
from kefu.sla import cached
from kefu.sla.models import BusinessCalendar, SlaPolicy
from kefu.tickets.models import Ticket
from kefu.tickets.services import (
    apply_transition,
    assign_ticket,
    create_ticket,
    record_callback,
)

MARK = "【演示】"


@dataclass(frozen=True)
class TicketSeed:
    type_code: str
    title: str
    description: str
    channel: str
    priority: str
    # How far along the workflow: each step is (actor role, transition, fields).
    steps: tuple[tuple[str, str, Mapping[str, object]], ...] = ()
    callback: str = ""  # satisfaction of a recorded callback, if any


def _forward(action: str) -> tuple[str, str, Mapping[str, object]]:
    return ("agent", "forward", {"responsible_department": "engineering",
                                 "requested_action": action, "reply_due_at": "+3d"})  # fmt: skip


CLASSIFY = ("agent", "classify", {"category": "产品质量"})
Step = tuple[str, str, Mapping[str, object]]
INVESTIGATE: Step = ("handler", "start_investigation", {})
FINDINGS = (
    "handler",
    "submit_findings",
    {"cause": "施工时防水层破损", "solution": "重做防水并赔偿"},
)
REPLY = ("agent", "reply", {"reply": "已安排重做防水，费用由我司承担，并致歉。"})
SATISFIED = ("agent", "confirm_satisfied", {"satisfaction": "satisfied"})
DISPATCH = ("agent", "dispatch", {"partner": "property", "requested_action": "上门检修",
                                  "repair_due_at": "+1d"})  # fmt: skip

SEEDS: tuple[TicketSeed, ...] = (
    TicketSeed("complaint", "卫生间天花板漏水", "楼上卫生间渗水到我家天花板，已经三天了。",
               "phone", "high"),
    TicketSeed("complaint", "客服电话长时间无人接听", "上午连续打了五次都没人接。", "phone",
               "medium", (("agent", "classify", {"category": "服务态度"}),)),
    TicketSeed("complaint", "地板起拱变形", "交房半年木地板大面积起拱。", "walk_in", "high",
               (CLASSIFY, _forward("核实地板起拱原因并提出维修方案"))),
    TicketSeed("complaint", "外墙瓷砖脱落", "阳台外墙瓷砖掉落，差点砸到人。", "phone", "urgent",
               (CLASSIFY, _forward("立即排查外墙瓷砖安全隐患"), INVESTIGATE)),
    TicketSeed("complaint", "门窗密封不严漏风", "冬天窗户漏风严重。", "wechat", "medium",
               (CLASSIFY, _forward("检查门窗密封条"), INVESTIGATE, FINDINGS)),
    TicketSeed("complaint", "地下室返潮发霉", "储藏室墙面发霉。", "phone", "medium",
               (CLASSIFY, _forward("检查地下室防潮"), INVESTIGATE, FINDINGS, REPLY)),
    TicketSeed("complaint", "厨房下水管堵塞反水", "维修后仍然反水。", "phone", "high",
               (CLASSIFY, _forward("疏通并更换下水管"), INVESTIGATE, FINDINGS, REPLY,
                SATISFIED)),
    TicketSeed("complaint", "物业维修人员态度差", "维修师傅说话很冲。", "email", "low",
               (("agent", "classify", {"category": "服务态度"}), _forward("核实维修人员服务态度"),
                INVESTIGATE, FINDINGS, REPLY, SATISFIED), callback="very_satisfied"),
    TicketSeed("repair", "楼道声控灯不亮", "3 单元 5 楼楼道灯坏了。", "phone", "low"),
    TicketSeed("repair", "入户门锁损坏", "门锁拧不动，进不了门。", "phone", "urgent", (DISPATCH,)),
    TicketSeed("repair", "空调冷凝水管漏水", "空调滴水到楼下。", "wechat", "medium",
               (DISPATCH, ("partner", "start_repair", {}))),
    TicketSeed("consultation", "会员积分如何兑换", "想知道积分能换什么。", "phone", "low"),
    TicketSeed("consultation", "交房时间咨询", "二期什么时候交房？", "web", "medium"),
    TicketSeed("consultation", "停车位租赁价格", "地下车位月租多少？", "phone", "low"),
    TicketSeed("after_sales", "热水器使用一周漏水", "新买的热水器底部漏水，要求换货。", "walk_in",
               "high"),
    TicketSeed("suggestion", "建议增加快递柜", "小区快递太多，建议多放两组快递柜。",
               "suggestion_box", "low"),
)  # fmt: skip


def _value(value: object, departments: Mapping[str, Department]) -> object:
    if isinstance(value, str) and value in departments:
        return departments[value]
    if isinstance(value, str) and value.startswith("+") and value.endswith("d"):
        return (now() + timedelta(days=int(value[1:-1]))).isoformat()
    return value


def use_office_calendar() -> None:
    """Point the shipped SLA policies at the demo ``office`` calendar (first time only)."""
    office = BusinessCalendar.objects.filter(code="office").first()
    if office is not None and not SlaPolicy.objects.filter(calendar__isnull=False).exists():
        SlaPolicy.objects.filter(calendar__isnull=True).update(calendar=office)
        cached.clear()  # a bulk update sends no signal


def ensure_tickets(*, users: Mapping[str, User], seed: int = 7) -> int:
    """Open and walk the demo work orders unless they exist; returns how many were opened."""
    use_office_calendar()
    if Ticket.objects.filter(title__startswith=MARK).exists():
        return 0
    rng = random.Random(seed)
    departments = {d.code: d for d in Department.objects.all()}
    team = Team.objects.filter(code="call-center").first()
    customers = list(Customer.objects.order_by("id")[:200])
    if not customers or "agent" not in users:
        return 0
    opened = 0
    for index, item in enumerate(SEEDS):
        ticket = create_ticket(
            actor=users["agent"],
            type_code=item.type_code,
            customer=rng.choice(customers),
            channel=item.channel,
            priority=item.priority,
            title=MARK + item.title,
            description=item.description,
        )
        for role, transition, fields in item.steps:
            values = {key: _value(value, departments) for key, value in fields.items()}
            ticket = apply_transition(
                actor=users[role], ticket=ticket, transition=transition, fields=values
            )
        if item.callback:
            record_callback(
                actor=users["agent"], ticket=ticket, outcome="reached", satisfaction=item.callback
            )
        if index % 3 != 2:  # a third stays unassigned for the "unassigned" queue
            assign_ticket(actor=users["supervisor"], ticket=ticket, assignee=users["agent"],
                          team=team)  # fmt: skip
        opened += 1
    return opened
