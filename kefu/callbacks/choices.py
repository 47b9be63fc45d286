"""Choices of callback rules (回访规则枚举): kinds of rules and how their tasks are assigned.

The reasons and states of a task (``CallbackReason``, ``CallbackStatus``) live in
``kefu.callbacks.models`` with the task itself.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    """Kind of callback rule (回访规则类型)."""

    TICKET = "ticket", _("Work order callback (due within N days of resolution)")
    AFTER_CLOSE = "after_close", _("N days after a work order closed")
    PERIODIC = "periodic", _("Periodic care by grade")
    BIRTHDAY = "birthday", _("Birthdays of the coming days")
    MEMBER_DAY = "member_day", _("Member day")
    DORMANT = "dormant", _("No contact for N days")
    STORED_ITEM = "stored_item", _("Stored items about to expire")


class AssigneeStrategy(models.TextChoices):
    """Who gets a rule's tasks (任务分配方式)."""

    OWNER = "owner", _("The customer's manager, else in turn among the team")
    TEAM = "team", _("In turn among the team's agents")
    NONE = "none", _("Nobody (anyone may take it)")


# Care that may sell (birthday, member day, dormant customers, periodic visits) asks only
# customers who consented (``Customer.marketing_consent``). Callbacks about the customer's
# own work order, and the notice that the customer's own stored item expires, do not.
NEEDS_CONSENT = frozenset(
    {RuleKind.PERIODIC, RuleKind.BIRTHDAY, RuleKind.MEMBER_DAY, RuleKind.DORMANT}
)

WEEKDAYS = (
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
)
