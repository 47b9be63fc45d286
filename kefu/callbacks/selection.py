"""Who a rule calls (规则选人): the customers each kind of rule picks on a day. Reads only.

Each candidate carries a *period key*; the task's deduplication key is
``rule:<rule id>:<customer id>:<period key>``, so running a rule again finds the tasks of the
first run. Customers merged into another or made inactive are never picked; the kinds in
``NEEDS_CONSENT`` pick only customers who consented to marketing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kefu.callbacks.choices import NEEDS_CONSENT, RuleKind
from kefu.callbacks.days import day_bounds
from kefu.callbacks.models import CallbackRule, CallbackStatus, CallbackTask
from kefu.callbacks.schedule import (
    birthday_in,
    birthday_pairs,
    closing_dates,
    is_due_again,
    member_days_in,
)
from kefu.customers.choices import StoredItemStatus
from kefu.customers.models import Customer, StoredItem
from kefu.tickets.categories import StatusCategory
from kefu.tickets.models import Ticket

DEFAULT_AFTER_CLOSE_TYPES = ("complaint", "repair")


@dataclass(frozen=True)
class Candidate:
    customer_id: int
    period: str
    note: str = ""
    ticket_id: int | None = None
    handler_id: int | None = None


def customers_for(rule: CallbackRule) -> QuerySet[Customer]:
    """Active, unmerged customers; only consenting ones for marketing-like care."""
    qs = Customer.objects.filter(is_active=True, merged_into__isnull=True)
    if rule.kind in NEEDS_CONSENT:
        qs = qs.filter(marketing_consent=True)
    return qs


def without_open_task(qs: QuerySet[Customer], rule: CallbackRule) -> QuerySet[Customer]:
    """Leave out customers who still have an open task of this rule (no pile-up)."""
    open_task = CallbackTask.objects.filter(
        rule=rule, customer=OuterRef("pk"), status=CallbackStatus.OPEN
    )
    return qs.exclude(Exists(open_task))


def after_close(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    first, last = closing_dates(day, rule.days)
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    codes = list(rule.type_codes or DEFAULT_AFTER_CLOSE_TYPES)
    tickets = (
        Ticket.objects.filter(
            ticket_type__code__in=codes,
            status_category=StatusCategory.CLOSED,
            closed_at__gte=start,
            closed_at__lt=end,
            merged_into__isnull=True,
            customer__in=customers_for(rule),
        )
        .order_by("closed_at", "pk")
        .values_list("pk", "customer_id", "number", "title", "closed_at", "assignee_id")
    )
    for pk, customer_id, number, title, closed_at, assignee_id in tickets:
        if closed_at is None:  # excluded by the filter; for the type checker
            continue
        closed_on = closed_at.astimezone(start.tzinfo).date()
        yield Candidate(
            customer_id, f"t{pk}-{closed_on.isoformat()}", f"{number} {title}", pk, assignee_id
        )


def periodic(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    last_on = dict(
        CallbackTask.objects.filter(rule=rule)
        .values("customer")
        .annotate(last=Max("due_on"))
        .values_list("customer", "last")
    )
    due: list[tuple[dt.date, int]] = []
    for grade in ("A", "B", "C"):
        interval = rule.interval_for(grade)
        if interval <= 0:
            continue
        ids = customers_for(rule).filter(grade=grade).values_list("pk", flat=True)
        for pk in ids.order_by("pk"):
            if is_due_again(last_on.get(pk), day, interval):
                due.append((last_on.get(pk) or dt.date.min, pk))
    # Never called first, then the longest ago (a daily limit spreads the rest).
    for _last, pk in sorted(due):
        yield Candidate(pk, day.isoformat())


def birthday(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    pairs = birthday_pairs(day, rule.days)
    condition = reduce(or_, (Q(birthday__month=m, birthday__day=d) for m, d in sorted(pairs)))
    rows = without_open_task(customers_for(rule).filter(condition), rule).values_list(
        "pk", "birthday"
    )
    for pk, born in rows.order_by("pk"):
        on = birthday_in(born, day, rule.days) if born is not None else None
        if on is not None:
            note = _("Birthday on %(day)s") % {"day": on.strftime("%m-%d")}
            yield Candidate(pk, str(on.year), note)


def member_day(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    dates = member_days_in(day, rule.days)
    qs = customers_for(rule).filter(
        Q(member_expires_on__isnull=True) | Q(member_expires_on__gte=day),
        member_number__isnull=False,
        member_day__in=list(dates),
    )
    for pk, number in without_open_task(qs, rule).values_list("pk", "member_day").order_by("pk"):
        on = dates.get(number or 0)
        if on is None:
            continue
        yield Candidate(pk, on.isoformat(), _("Member day on %(day)s") % {"day": on.isoformat()})


def dormant(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    cutoff = day_bounds(day - dt.timedelta(days=rule.days))[0]
    recent_ticket = Ticket.objects.filter(customer=OuterRef("pk"), created_at__gte=cutoff)
    recent_callback = CallbackTask.objects.filter(customer=OuterRef("pk"), done_at__gte=cutoff)
    recent_rule_task = CallbackTask.objects.filter(
        customer=OuterRef("pk"), rule=rule, created_at__gte=cutoff
    )
    qs = (
        customers_for(rule)
        .filter(created_at__lt=cutoff)
        .exclude(Exists(recent_ticket))
        .exclude(Exists(recent_callback))
        .exclude(Exists(recent_rule_task))
    )
    note = _("No contact for %(days)d days") % {"days": rule.days}
    for pk in without_open_task(qs, rule).values_list("pk", flat=True).order_by("pk"):
        yield Candidate(pk, day.isoformat(), note)


def stored_item(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    items = (
        StoredItem.objects.filter(
            status=StoredItemStatus.STORED,
            expires_on__gte=day,
            expires_on__lte=day + dt.timedelta(days=rule.days),
            customer__in=without_open_task(customers_for(rule), rule),
        )
        .order_by("customer_id", "expires_on", "pk")
        .values_list("customer_id", "name", "expires_on")
    )
    grouped: dict[int, list[tuple[str, dt.date]]] = {}
    for customer_id, name, expires_on in items:
        if expires_on is None:
            continue
        grouped.setdefault(customer_id, []).append((name, expires_on))
    for customer_id, entries in grouped.items():
        first = entries[0][1]
        listed = "、".join(f"{name}（{on.isoformat()}）" for name, on in entries)
        note = _("Stored items expiring: %(items)s") % {"items": listed}
        yield Candidate(customer_id, f"stored-{first.isoformat()}", note)


SELECTORS = {
    RuleKind.AFTER_CLOSE: after_close,
    RuleKind.PERIODIC: periodic,
    RuleKind.BIRTHDAY: birthday,
    RuleKind.MEMBER_DAY: member_day,
    RuleKind.DORMANT: dormant,
    RuleKind.STORED_ITEM: stored_item,
}


def candidates(rule: CallbackRule, day: dt.date) -> Iterator[Candidate]:
    """The customers the rule picks on ``day`` (the work order callback rule picks none: the
    workflow step schedules those)."""
    selector = SELECTORS.get(RuleKind(rule.kind))
    if selector is None:
        return iter(())
    return selector(rule, day)
