"""Daily targets and progress (每日目标与进度): callbacks done and customers recorded today.

Seed 003: a VIP manager makes at least 10 callbacks and records at least 10 new customers a
day. A callback counts when its task was closed today by the person (``done_by``); a new
customer when the person created the record today (``Customer.created_by``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from kefu.accounts.models import User
from kefu.accounts.roles import ROLE_CODES
from kefu.callbacks.days import day_bounds
from kefu.callbacks.models import CallbackTarget, CallbackTask
from kefu.customers.models import Customer

DEFAULT_CALLBACKS = 10
DEFAULT_NEW_CUSTOMERS = 10


@dataclass(frozen=True)
class Target:
    callbacks: int
    new_customers: int
    source: str  # "person", "role" or "default"


@dataclass(frozen=True)
class Progress:
    """One person's day (个人当日进度)."""

    user: Any
    target: Target
    callbacks_done: int
    customers_created: int
    open_count: int = 0
    overdue_count: int = 0

    @staticmethod
    def _percent(done: int, goal: int) -> int:
        return 100 if goal <= 0 else min(100, round(done * 100 / goal))

    @property
    def callbacks_percent(self) -> int:
        return self._percent(self.callbacks_done, self.target.callbacks)

    @property
    def customers_percent(self) -> int:
        return self._percent(self.customers_created, self.target.new_customers)

    @property
    def callbacks_step(self) -> int:
        """The percentage rounded down to a tenth, for the CSS progress bar classes."""
        return self.callbacks_percent // 10 * 10

    @property
    def customers_step(self) -> int:
        return self.customers_percent // 10 * 10

    @property
    def callbacks_met(self) -> bool:
        return self.callbacks_done >= self.target.callbacks

    @property
    def customers_met(self) -> bool:
        return self.customers_created >= self.target.new_customers


def targets_for(users: Iterable[Any]) -> dict[int, Target]:
    """Each user's target: its own, else its role's (the first role that has one), else the
    default of 10 callbacks and 10 new customers a day."""
    people = list(users)
    own = {t.user_id: t for t in CallbackTarget.objects.filter(user__in=[u.pk for u in people])}
    by_role = {t.role: t for t in CallbackTarget.objects.exclude(role="")}
    roles: dict[int, set[str]] = {}
    if by_role:
        memberships = User.groups.through.objects.filter(
            user_id__in=[u.pk for u in people], group__name__in=list(by_role)
        ).values_list("user_id", "group__name")
        for user_id, name in memberships:
            roles.setdefault(user_id, set()).add(name)
    found: dict[int, Target] = {}
    for user in people:
        if user.pk in own:
            t = own[user.pk]
            found[user.pk] = Target(t.callbacks_per_day, t.new_customers_per_day, "person")
            continue
        role = next((code for code in ROLE_CODES if code in roles.get(user.pk, ())), None)
        if role is not None:
            t = by_role[role]
            found[user.pk] = Target(t.callbacks_per_day, t.new_customers_per_day, "role")
        else:
            found[user.pk] = Target(DEFAULT_CALLBACKS, DEFAULT_NEW_CUSTOMERS, "default")
    return found


def progress_of(users: Iterable[Any], day: dt.date) -> list[Progress]:
    """Targets and today's figures of each user, in a fixed number of queries."""
    people = list(users)
    ids = [u.pk for u in people]
    start, end = day_bounds(day)
    done = dict(
        CallbackTask.objects.filter(done_by__in=ids)
        .done_between(start, end)
        .values("done_by")
        .annotate(n=Count("id"))
        .values_list("done_by", "n")
    )
    created = dict(
        Customer.objects.filter(created_by__in=ids, created_at__gte=start, created_at__lt=end)
        .values("created_by")
        .annotate(n=Count("id"))
        .values_list("created_by", "n")
    )
    counts: dict[int, tuple[int, int]] = {
        assignee: (open_count, overdue_count)
        for assignee, open_count, overdue_count in CallbackTask.objects.open()
        .filter(assignee__in=ids)
        .values("assignee")
        .annotate(n=Count("id"), late=Count("id", filter=Q(due_on__lt=day)))
        .values_list("assignee", "n", "late")
        if assignee is not None
    }
    targets = targets_for(people)
    return [
        Progress(
            user=u,
            target=targets[u.pk],
            callbacks_done=done.get(u.pk, 0),
            customers_created=created.get(u.pk, 0),
            open_count=counts.get(u.pk, (0, 0))[0],
            overdue_count=counts.get(u.pk, (0, 0))[1],
        )
        for u in people
    ]
