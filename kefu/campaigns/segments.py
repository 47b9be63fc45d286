"""Segments (客户分群): which customers a campaign reaches.

Every condition given must hold: grade in the chosen grades, at least one of the chosen tags,
birthday in the month, member status on ``today``. Archived and merged customers are never in
a segment. ``today`` is a parameter, so the member-status rules are tested at any date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from kefu.campaigns.choices import MemberStatus
from kefu.customers.models import Customer
from kefu.customers.querysets import CustomerQuerySet
from kefu.messaging.choices import Channel
from kefu.messaging.models import OptOut

EXPIRING_DAYS = 30


@dataclass(frozen=True)
class Segment:
    grades: tuple[str, ...] = ()
    tag_ids: tuple[int, ...] = ()
    birthday_month: int | None = None
    member_status: str = MemberStatus.ANY


def member_condition(status: str, today: dt.date) -> Q:
    """Member (会员): has a member number and a membership not expired on ``today``."""
    is_member = Q(member_number__isnull=False) & ~Q(member_number="")
    current = Q(member_expires_on__isnull=True) | Q(member_expires_on__gte=today)
    if status == MemberStatus.MEMBER:
        return is_member & current
    if status == MemberStatus.NOT_MEMBER:
        return ~(is_member & current)
    if status == MemberStatus.EXPIRING:
        until = today + dt.timedelta(days=EXPIRING_DAYS)
        return is_member & Q(member_expires_on__gte=today, member_expires_on__lte=until)
    return Q()


def customers_in(segment: Segment, *, today: dt.date) -> CustomerQuerySet:
    rows = Customer.objects.filter(is_active=True, merged_into__isnull=True)
    if segment.grades:
        rows = rows.filter(grade__in=segment.grades)
    if segment.tag_ids:
        tagged = Customer.tags.through.objects.filter(
            customer_id=OuterRef("pk"), tag_id__in=segment.tag_ids
        )
        rows = rows.filter(Exists(tagged))
    if segment.birthday_month:
        rows = rows.filter(birthday__month=segment.birthday_month)
    if segment.member_status:
        rows = rows.filter(member_condition(segment.member_status, today))
    return rows


def reachable(rows: CustomerQuerySet, *, channel: str) -> CustomerQuerySet:
    """The customers of ``rows`` a marketing or care message can reach on ``channel``:
    consented, not opted out of the channel, with an address (its format is checked when
    the message is written)."""
    opted_out = OptOut.objects.filter(customer_id=OuterRef("pk"), channel=channel)
    rows = rows.filter(marketing_consent=True).exclude(Exists(opted_out))
    if channel == Channel.SMS:
        return rows.exclude(phone="")
    return rows.exclude(email="")
