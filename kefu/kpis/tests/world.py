"""A generated month of service (生成的一个月数据) for the KPI tests: work orders at every step,
deadlines met, missed and pending, satisfaction answers, callbacks, service errors and contact
orders, written directly as rows with random (seeded) times in and around the month."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kefu.callbacks.models import CallbackReason, CallbackStatus, CallbackTask
from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.deadlines.models import Deadline
from kefu.liaison.choices import ContactOrderStatus
from kefu.liaison.models import ContactOrder
from kefu.org.models import Team
from kefu.quality.choices import ErrorType, Severity
from kefu.quality.models import ServiceError
from kefu.tickets.choices import Channel, Satisfaction
from kefu.tickets.feedback_models import SatisfactionSource
from kefu.tickets.models import SatisfactionRecord, Ticket, TicketType, WorkflowVersion

SHANGHAI = ZoneInfo("Asia/Shanghai")
CATEGORIES = ("空调", "电梯", "噪音", "")
ACTIVE = ("new", "open", "waiting_on_customer", "waiting_on_partner")


def local(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI) + dt.timedelta(minutes=minutes)


@dataclass
class World:
    start: dt.date
    end: dt.date
    tickets: list[Ticket]
    complaints_team: Team


def generate_month(cast: Cast, *, start: dt.date, end: dt.date, seed: int = 7) -> World:
    rng = random.Random(seed)
    team = Team.objects.create(department=cast.service, name="投诉组", code="complaints")
    customers: list[Customer] = []
    for n, grade in enumerate("ABCAB"):
        customer = create_customer(
            actor=cast.agent, data={"name": f"客户{n}", "phone": f"1380013{n:04d}"}
        )
        Customer.objects.filter(pk=customer.pk).update(grade=grade)
        customers.append(customer)
    types = list(TicketType.objects.filter(is_active=True))
    versions = {v.ticket_type_id: v for v in WorkflowVersion.objects.order_by("version")}
    people = [cast.agent, cast.supervisor, None]
    span = (end - start).days
    # Work orders from a week before the month to a week after it.
    tickets: list[Ticket] = []
    for i in range(160):
        created = local(start, rng.randrange(-7 * 1440, (span + 7) * 1440))
        category = rng.choice(ACTIVE + ("resolved", "closed", "resolved", "closed"))
        ticket_type = rng.choice(types)
        first = None if category == "new" else created + dt.timedelta(minutes=rng.randrange(1, 600))
        resolved = None
        if category in ("resolved", "closed"):
            resolved = (first or created) + dt.timedelta(minutes=rng.randrange(0, 5 * 1440))
        forwarded = rng.random() < 0.3
        ticket = Ticket.objects.create(
            number=f"GEN{seed}-{i:05d}",
            ticket_type=ticket_type,
            workflow_version=versions[ticket_type.pk],
            state=category,
            status_category=category,
            channel=rng.choice(Channel.values[:4]),
            category=rng.choice(CATEGORIES),
            customer=rng.choice(customers),
            title=f"生成工单{i}",
            assignee=rng.choice(people),
            team=rng.choice([cast.call_center, team, None]),
            department=cast.engineering if forwarded else None,
            partner=cast.property_company if forwarded and rng.random() < 0.5 else None,
            created_at=created,
            updated_at=created,
            first_response_at=first,
            resolved_at=resolved,
            closed_at=resolved if category == "closed" else None,
            reopen_count=rng.choice([0, 0, 0, 1, 2]),
        )
        tickets.append(ticket)
        if first is not None:
            Deadline.objects.create(
                ticket=ticket,
                kind="first_response",
                started_at=created,
                due_at=created + dt.timedelta(minutes=240),
                met_at=first,
                used_minutes=rng.choice([None, rng.randrange(0, 500)]),
                breached_at=created + dt.timedelta(minutes=240)
                if first > created + dt.timedelta(minutes=240)
                else None,
                is_open=False,
            )
        due = created + dt.timedelta(minutes=rng.randrange(60, 4 * 1440))
        met = resolved if resolved is not None and rng.random() < 0.9 else None
        Deadline.objects.create(
            ticket=ticket,
            kind="resolve",
            started_at=created,
            due_at=due,
            met_at=met,
            used_minutes=rng.randrange(0, 900) if met else None,
            breached_at=due if (met is None or met > due) and rng.random() < 0.7 else None,
            is_open=met is None and category in ACTIVE,
        )
    # A few duplicates merged into others: never counted.
    for ticket in rng.sample(tickets, 6):
        target = rng.choice([t for t in tickets if t.pk != ticket.pk])
        Ticket.objects.filter(pk=ticket.pk).update(merged_into=target, status_category="closed")
    for _n in range(70):
        maybe = rng.choice([*tickets, None])
        SatisfactionRecord.objects.create(
            customer=maybe.customer if maybe else rng.choice(customers),
            ticket=maybe,
            level=rng.choice(Satisfaction.values),
            source=rng.choice(SatisfactionSource.values),
            at=local(start, rng.randrange(-3 * 1440, (span + 3) * 1440)),
            recorded_by=cast.agent,
        )
    for i in range(50):
        maybe = rng.choice([*tickets, None])
        status = rng.choice(CallbackStatus.values)
        due_on = start + dt.timedelta(days=rng.randrange(-3, span + 3))
        CallbackTask.objects.create(
            customer=maybe.customer if maybe else rng.choice(customers),
            ticket=maybe,
            reason=rng.choice(CallbackReason.values),
            due_on=due_on,
            assignee=rng.choice(people),
            status=status,
            dedupe_key=f"gen-{seed}-{i}",
            created_at=local(due_on, -1440),
            done_at=local(due_on, 600) if status == CallbackStatus.DONE else None,
        )
    for _n in range(30):
        maybe = rng.choice([*tickets, None])
        ServiceError.objects.create(
            occurred_on=start + dt.timedelta(days=rng.randrange(-3, span + 3)),
            ticket=maybe,
            person=rng.choice(people) if maybe else rng.choice(people[:2]),
            error_type=rng.choice(ErrorType.values),
            severity=rng.choice(Severity.values),
            description="生成的差错",
            registered_by=cast.qa,
            registered_at=local(start, 0),
        )
    for i, ticket in enumerate(rng.sample(tickets, 40)):
        issued = ticket.created_at + dt.timedelta(minutes=30)
        reply_by = issued + dt.timedelta(days=rng.randrange(1, 4))
        status = rng.choice(ContactOrderStatus.values)
        answered = (
            reply_by + dt.timedelta(hours=rng.randrange(-40, 20))
            if status == ContactOrderStatus.ANSWERED
            else None
        )
        ContactOrder.objects.create(
            number=f"LXGEN{seed}-{i:04d}",
            ticket=ticket,
            addressed_to=rng.choice([cast.engineering, cast.property_company]),
            issued_by=cast.agent,
            issued_at=issued,
            requested_action="请处理",
            act_by=issued + dt.timedelta(hours=8),
            reply_by=reply_by,
            status=status,
            answered_at=answered,
            cancelled_at=issued if status == ContactOrderStatus.CANCELLED else None,
        )
    return World(start=start, end=end, tickets=tickets, complaints_team=team)
