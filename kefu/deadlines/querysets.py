"""Querysets of deadlines (时限查询)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.deadlines.models import Deadline  # noqa: F401


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def visible_to(self, user: Any) -> DeadlineQuerySet:
        """Deadlines of the work orders the user may see (scope of ``Ticket.visible_to``).

        Who sees every work order sees every deadline without a subquery over the work
        orders (at a million work orders that subquery is most of a KPI query's time)."""
        from kefu.tickets.models import Ticket

        tickets = Ticket.objects.visible_to(user)
        if user.has_perm("tickets.view_all_tickets") and not tickets.query.is_empty():
            return self.all()
        return self.filter(ticket__in=tickets.values("pk"))

    def due_for_check(self, at: dt.datetime) -> DeadlineQuerySet:
        """Open deadlines with a step to take by ``at`` (uses ``deadlines_watch_open_idx``,
        a partial index over the open deadlines only)."""
        return self.filter(is_open=True, next_check_at__lte=at)
