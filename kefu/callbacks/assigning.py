"""Who gets a rule's task (任务分配): the customer's manager, else in turn among a team.

Round-robin (轮流分配) continues after whoever got the rule's last task, so consecutive runs
spread the work evenly.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kefu.accounts.models import User
from kefu.callbacks.choices import AssigneeStrategy
from kefu.callbacks.models import CallbackRule, CallbackTask
from kefu.customers.models import Customer
from kefu.org.choices import StaffStatus
from kefu.org.models import Team

WORK_PERM = Q(
    groups__permissions__content_type__app_label="callbacks",
    groups__permissions__codename="change_callbacktask",
) | Q(
    user_permissions__content_type__app_label="callbacks",
    user_permissions__codename="change_callbacktask",
)


def callback_workers() -> Any:
    """Active users who may make callbacks (agents, supervisors, managers)."""
    return User.objects.filter(WORK_PERM, is_active=True).distinct().order_by("pk")


def team_agents(team: Team) -> list[User]:
    """The team's active staff who may make callbacks, in a fixed order."""
    return list(callback_workers().filter(staff__team=team, staff__status=StaffStatus.ACTIVE))


class Assigner:
    """Picks the assignee of each task a rule creates in one run."""

    def __init__(self, rule: CallbackRule) -> None:
        self.strategy = rule.assignee_strategy
        self.members: list[User] = team_agents(rule.team) if rule.team is not None else []
        last = (
            CallbackTask.objects.filter(rule=rule, assignee__in=self.members)
            .order_by("-id")
            .values_list("assignee_id", flat=True)
            .first()
        )
        ids = [m.pk for m in self.members]
        self.index = ids.index(last) + 1 if last in ids else 0

    def _in_turn(self) -> User | None:
        if not self.members:
            return None
        member = self.members[self.index % len(self.members)]
        self.index += 1
        return member

    def pick(self, customer: Customer, handler: Any = None) -> User | None:
        """The assignee for a task about ``customer`` (``handler``: who handled the work
        order, for a callback after it closed)."""
        if self.strategy == AssigneeStrategy.NONE:
            return None
        if self.strategy == AssigneeStrategy.OWNER:
            for person in (customer.owner, handler):
                if person is not None and person.is_active:
                    return person
        return self._in_turn()
