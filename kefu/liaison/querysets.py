"""Reads of work contact orders (工作联系单查询): data scope, open and overdue orders."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from kefu.liaison.choices import OPEN_STATUSES, ContactOrderStatus

if TYPE_CHECKING:
    from kefu.liaison.models import ContactOrder  # noqa: F401


class ContactOrderQuerySet(models.QuerySet["ContactOrder"]):
    def visible_to(self, user: Any) -> ContactOrderQuerySet:
        """Data scope (数据范围): service staff who see every work order see every contact
        order; a department handler or partner user only the orders addressed to its own
        department or company; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "liaison.view_contactorder"
        ):
            return self.none()
        if user.has_perm("tickets.view_all_tickets"):
            return self
        from kefu.org.scope import place_of

        department_id = place_of(user).department_id
        if department_id is None:
            return self.none()
        return self.filter(addressed_to_id=department_id)

    def open(self) -> ContactOrderQuerySet:
        """Orders still waiting for their answer (sent or acknowledged)."""
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self) -> ContactOrderQuerySet:
        return self.exclude(status__in=OPEN_STATUSES)

    def overdue(self, *, at: dt.datetime) -> ContactOrderQuerySet:
        """Open orders past their reply deadline, or not yet acknowledged past the time to act."""
        return self.open().filter(
            models.Q(reply_by__lt=at) | models.Q(status=ContactOrderStatus.SENT, act_by__lt=at)
        )
