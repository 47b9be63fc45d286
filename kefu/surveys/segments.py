"""Campaign segments (调查对象): which customers a survey campaign asks, and about which work
order. Reads only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet
from django.utils import timezone

from kefu.customers.models import Customer
from kefu.surveys.choices import SegmentKind, SurveyChannel
from kefu.tickets.models import Ticket


@dataclass(frozen=True)
class Segment:
    kind: str
    channel: str
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None
    ticket_type_ids: tuple[int, ...] = ()
    grades: tuple[str, ...] = field(default_factory=tuple)


def _reachable(customers: QuerySet[Customer], channel: str) -> QuerySet[Customer]:
    customers = customers.filter(is_active=True, merged_into__isnull=True)
    if channel == SurveyChannel.SMS:
        return customers.exclude(phone="")
    return customers.exclude(email="")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def closed_tickets(segment: Segment) -> QuerySet[Ticket]:
    """Work orders closed from ``closed_from`` to ``closed_to`` (local days, both included)
    of the chosen types (all types when none is chosen)."""
    tickets = Ticket.objects.filter(closed_at__isnull=False, merged_into__isnull=True)
    if segment.closed_from:
        tickets = tickets.filter(closed_at__gte=_day_start(segment.closed_from))
    if segment.closed_to:
        tickets = tickets.filter(closed_at__lt=_day_start(segment.closed_to + dt.timedelta(days=1)))
    if segment.ticket_type_ids:
        tickets = tickets.filter(ticket_type_id__in=segment.ticket_type_ids)
    return tickets


def segment_customers(segment: Segment) -> QuerySet[Customer]:
    """The customers the campaign asks: reachable on its channel, active, not merged."""
    if segment.kind == SegmentKind.CLOSED_TICKETS:
        customers = Customer.objects.filter(pk__in=closed_tickets(segment).values("customer_id"))
    elif segment.kind == SegmentKind.GRADES:
        customers = Customer.objects.filter(grade__in=segment.grades)
    else:
        customers = Customer.objects.none()
    return _reachable(customers, segment.channel)


def targets(segment: Segment) -> Iterable[tuple[Customer, int | None]]:
    """Each customer with the work order the survey is about: the latest one closed in the
    range for a closed-work-order segment, none for a grade segment."""
    customers = segment_customers(segment).order_by("id")
    latest: dict[int, int] = {}
    if segment.kind == SegmentKind.CLOSED_TICKETS:
        latest = dict(
            closed_tickets(segment)
            .values("customer_id")
            .annotate(last=Max("id"))
            .values_list("customer_id", "last")
        )
    for customer in customers.iterator(chunk_size=500):
        yield customer, latest.get(customer.pk)
