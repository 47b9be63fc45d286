"""Work order indexes for scale (工单索引): queues by deadline and KPI periods at a million rows.

Declared in ``Ticket.Meta.indexes``; proven by ``tests/test_scale_plans.py`` on both databases.
"""

from __future__ import annotations

from django.db import models

from kefu.tickets.categories import ACTIVE

# The status categories of open work (在办), in a fixed order: the queue indexes below are
# partial on exactly this list, and ``TicketQuerySet.open_work`` repeats it literally (SQLite
# uses a partial index only when the query holds the same term, values included).
ACTIVE_STATUSES = sorted(category.value for category in ACTIVE)

SCALE_INDEXES = [
    # A team's / a person's open work by next deadline (queues team, mine, overdue).
    models.Index(
        fields=["team", "next_due_at", "id"],
        name="tickets_team_open_idx",
        condition=models.Q(status_category__in=ACTIVE_STATUSES),
    ),
    models.Index(
        fields=["assignee", "next_due_at", "id"],
        name="tickets_assignee_open_idx",
        condition=models.Q(status_category__in=ACTIVE_STATUSES),
    ),
    # KPI periods: opened, first answered, resolved in a month.
    models.Index(fields=["created_at"], name="tickets_created_idx"),
    models.Index(fields=["first_response_at"], name="tickets_first_response_idx"),
    models.Index(fields=["resolved_at"], name="tickets_resolved_idx"),
]
