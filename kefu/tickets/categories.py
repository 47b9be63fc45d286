"""Status categories (状态大类): the fixed buckets every workflow state maps onto. Pure.

Per-type workflows may name their states freely, but SLA, KPIs and queues read only these
categories, so a new type or an admin-edited workflow never breaks a report.

Clock rules:

- ``waiting_on_customer`` pauses the customer-facing SLA clock (first response / resolution):
  the ball is in the customer's court.
- ``waiting_on_partner`` does NOT pause the customer-facing clock: the customer is still
  waiting on us. The responsible department or partner company runs its own partner deadline
  instead (seed 004: 8 hours to act, 3 days to reply in writing, 3 working days for design).
- ``resolved`` and ``closed`` stop the clock; ``resolved`` may still have follow-up work such
  as the mandatory callback (回访).
"""

from __future__ import annotations

from enum import StrEnum


class StatusCategory(StrEnum):
    """Status category (状态大类) of a workflow state."""

    NEW = "new"
    OPEN = "open"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    WAITING_ON_PARTNER = "waiting_on_partner"
    RESOLVED = "resolved"
    CLOSED = "closed"


LABELS: dict[StatusCategory, tuple[str, str]] = {
    StatusCategory.NEW: ("新建", "New"),
    StatusCategory.OPEN: ("处理中", "Open"),
    StatusCategory.WAITING_ON_CUSTOMER: ("等待客户", "Waiting on customer"),
    StatusCategory.WAITING_ON_PARTNER: ("等待责任部门/合作单位", "Waiting on partner"),
    StatusCategory.RESOLVED: ("已解决", "Resolved"),
    StatusCategory.CLOSED: ("已关闭", "Closed"),
}

# Categories during which the customer-facing SLA clock stands still.
PAUSES_SLA_CLOCK: frozenset[StatusCategory] = frozenset({StatusCategory.WAITING_ON_CUSTOMER})

# Categories during which a partner deadline (responsible department / partner company) runs.
RUNS_PARTNER_CLOCK: frozenset[StatusCategory] = frozenset({StatusCategory.WAITING_ON_PARTNER})

# Categories in which the work order still counts as open work in queues and backlogs.
ACTIVE: frozenset[StatusCategory] = frozenset(
    {
        StatusCategory.NEW,
        StatusCategory.OPEN,
        StatusCategory.WAITING_ON_CUSTOMER,
        StatusCategory.WAITING_ON_PARTNER,
    }
)


def pauses_sla_clock(category: StatusCategory) -> bool:
    """Whether the customer-facing SLA clock (SLA 计时) pauses in this category."""
    return category in PAUSES_SLA_CLOCK


def runs_partner_clock(category: StatusCategory) -> bool:
    """Whether a partner deadline (合作单位时限) runs in this category."""
    return category in RUNS_PARTNER_CLOCK
