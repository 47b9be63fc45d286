"""Reads of callback tasks (回访任务查询): data scope, open, due and overdue tasks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.callbacks.models import CallbackTask  # noqa: F401

OPEN = "open"
DONE = "done"


class CallbackTaskQuerySet(models.QuerySet["CallbackTask"]):
    def visible_to(self, user: Any) -> CallbackTaskQuerySet:
        """Data scope (数据范围): supervisors and managers see every task; an agent its own and
        the unassigned ones (anyone may take those); department handlers, partner users and
        anyone without the capability none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "callbacks.view_callbacktask"
        ):
            return self.none()
        if user.has_perm("callbacks.view_all_callbacks"):
            return self
        return self.filter(models.Q(assignee=user) | models.Q(assignee__isnull=True))

    def open(self) -> CallbackTaskQuerySet:
        return self.filter(status=OPEN)

    def due_by(self, day: dt.date) -> CallbackTaskQuerySet:
        """Open tasks due on or before ``day`` (today's list: overdue first by the ordering)."""
        return self.open().filter(due_on__lte=day)

    def overdue(self, day: dt.date) -> CallbackTaskQuerySet:
        """Open tasks whose due day is before ``day``."""
        return self.open().filter(due_on__lt=day)

    def assigned_to(self, user: Any) -> CallbackTaskQuerySet:
        return self.filter(assignee=user)

    def done_between(self, start: dt.datetime, end: dt.datetime) -> CallbackTaskQuerySet:
        return self.filter(status=DONE, done_at__gte=start, done_at__lt=end)
