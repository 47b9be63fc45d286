"""Deadline writes (时限写操作): start, stop, pause and resume the deadlines of a work order.

Called inside the transaction of the work order's write (through the tickets hooks, or by the
work contact order app); ``Ticket.next_due_at`` always holds the earliest running due time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Min

from kefu.core.clock import now
from kefu.deadlines.choices import SLA_KINDS, DeadlineKind
from kefu.deadlines.clock import Clock
from kefu.deadlines.models import Deadline
from kefu.deadlines.stages import next_check
from kefu.sla.cached import active_policies
from kefu.sla.matching import PolicyKey, best_policy
from kefu.sla.models import SlaPolicy, default_escalation_chain
from kefu.tickets.categories import StatusCategory
from kefu.tickets.models import Ticket

# The clock of SLA deadlines stops while the work order waits on the customer (挂起).
PAUSING = frozenset({StatusCategory.WAITING_ON_CUSTOMER.value})
DONE = frozenset({StatusCategory.RESOLVED.value, StatusCategory.CLOSED.value})


def _schedule(deadline: Deadline) -> None:
    deadline.next_check_at = next_check(
        deadline.stage,
        warn_at=deadline.warn_at,
        due_at=deadline.due_at,
        escalate_every=timedelta(minutes=deadline.escalate_every_minutes),
        chain=deadline.escalation_chain,
    )


def refresh_next_due(ticket: Ticket) -> dt.datetime | None:
    """Set ``Ticket.next_due_at`` to the earliest due time of its running deadlines."""
    due: dt.datetime | None = Deadline.objects.filter(
        ticket=ticket, is_open=True, due_at__isnull=False
    ).aggregate(due=Min("due_at"))["due"]
    Ticket.objects.filter(pk=ticket.pk).update(next_due_at=due)
    ticket.next_due_at = due
    return due


def start_deadline(
    *,
    ticket: Ticket,
    kind: str,
    due_at: dt.datetime,
    ref: str = "",
    label: str = "",
    warn_at: dt.datetime | None = None,
    escalation_chain: list[str] | None = None,
    escalate_every_minutes: int = 60,
    at: dt.datetime | None = None,
) -> Deadline:
    """Start a fixed deadline (开始时限), e.g. a partner's obligation on a work contact order.

    Replaces an open deadline of the same work order, kind and reference. Without a warning
    time, the warning goes out at 80 % of the time between now and the due time.
    """
    at = at or now()
    stop_deadlines(ticket=ticket, kinds=[kind], ref=ref, at=at, refresh=False, met=False)
    if warn_at is None and due_at > at:
        warn_at = at + (due_at - at) * 0.8
    deadline = Deadline(
        ticket=ticket,
        kind=kind,
        ref=ref,
        label=label[:200],
        started_at=at,
        running_since=at,
        due_at=due_at,
        warn_at=warn_at,
        escalation_chain=(
            default_escalation_chain() if escalation_chain is None else escalation_chain
        ),
        escalate_every_minutes=escalate_every_minutes,
    )
    _schedule(deadline)
    deadline.save()
    refresh_next_due(ticket)
    return deadline


def stop_deadlines(
    *,
    ticket: Ticket,
    kinds: Iterable[str] | None = None,
    ref: str = "",
    at: dt.datetime | None = None,
    refresh: bool = True,
    met: bool = True,
) -> int:
    """Close the work order's open deadlines of ``kinds`` (all kinds when ``None``) with this
    reference: met (达成) by default, or withdrawn (``met=False``). A met SLA deadline keeps
    the working minutes it took (``used_minutes``, the KPIs' working-time response and
    resolution times). Returns how many."""
    at = at or now()
    rows = Deadline.objects.filter(ticket=ticket, is_open=True)
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    if ref:
        rows = rows.filter(ref=ref)
    closed = sum(_close(deadline, at, met=met) for deadline in rows.select_related("calendar"))
    if refresh and closed:
        refresh_next_due(ticket)
    return closed


def _close(deadline: Deadline, at: dt.datetime, *, met: bool) -> int:
    """Close one open deadline (met or withdrawn); 1 if this call closed it. It is closed in
    memory either way (a concurrent close left it closed in the database too)."""
    used = deadline.spent_minutes
    if met and deadline.running_since is not None and deadline.kind in SLA_KINDS:
        used += Clock(deadline.calendar, at).minutes_between(deadline.running_since, at)
    closed = Deadline.objects.filter(pk=deadline.pk, is_open=True).update(
        is_open=False,
        met_at=at if met else None,
        next_check_at=None,
        used_minutes=used if met and deadline.kind in SLA_KINDS else None,
    )
    deadline.is_open = False
    return closed


def _policy_for(ticket: Ticket) -> SlaPolicy | None:
    policies = active_policies()
    grade = ticket.customer.grade
    chosen = best_policy(
        (PolicyKey(p.pk, p.ticket_type, p.priority, p.customer_grade) for p in policies),
        ticket_type=ticket.ticket_type.code,
        priority=ticket.priority,
        grade=grade or "",
    )
    return next((p for p in policies if chosen and p.pk == chosen.id), None)


def _sla_deadline(
    ticket: Ticket, policy: SlaPolicy, kind: str, minutes: int, at: dt.datetime, clock: Clock
) -> Deadline:
    deadline = Deadline(
        ticket=ticket,
        kind=kind,
        ref="" if kind == DeadlineKind.FIRST_RESPONSE else f"r{ticket.reopen_count}",
        label=policy.name,
        policy=policy,
        calendar=policy.calendar,
        target_minutes=minutes,
        warn_percent=policy.warn_percent,
        escalate_every_minutes=policy.escalate_every_minutes,
        escalation_chain=list(policy.escalation_chain),
        started_at=at,
    )
    _run(deadline, at, clock)
    return deadline


def _run(deadline: Deadline, at: dt.datetime, clock: Clock) -> None:
    """Start or resume the clock at ``at``: due and warning times from what is left."""
    target = deadline.target_minutes or 0
    deadline.running_since = at
    deadline.due_at = clock.add(at, max(target - deadline.spent_minutes, 0))
    warn_minutes = target * deadline.warn_percent // 100 - deadline.spent_minutes
    deadline.warn_at = (
        clock.add(at, warn_minutes) if deadline.stage == 0 and warn_minutes > 0 else None
    )
    _schedule(deadline)


def _pause(deadline: Deadline, at: dt.datetime, clock: Clock) -> None:
    if deadline.running_since is not None:
        deadline.spent_minutes += clock.minutes_between(deadline.running_since, at)
    deadline.running_since = None
    deadline.due_at = None
    deadline.warn_at = None
    deadline.next_check_at = None


def start_sla(ticket: Ticket, at: dt.datetime) -> list[Deadline]:
    """Start the SLA deadlines (开始服务时限) of a new work order from its policy."""
    policy = _policy_for(ticket)
    if policy is None:
        return []
    clock = Clock(policy.calendar, at)
    rows = [
        _sla_deadline(ticket, policy, DeadlineKind.FIRST_RESPONSE,
                      policy.first_response_minutes, at, clock),
        _sla_deadline(ticket, policy, DeadlineKind.RESOLVE, policy.resolve_minutes, at, clock),
    ]  # fmt: skip
    Deadline.objects.bulk_create(rows)
    due = min((row.due_at for row in rows if row.due_at is not None), default=None)
    Ticket.objects.filter(pk=ticket.pk).update(next_due_at=due)  # a new work order: no others
    ticket.next_due_at = due
    return rows


def follow_ticket(ticket: Ticket, at: dt.datetime) -> dict[str, object]:
    """Recompute the SLA deadlines after a step (重算时限): meet, pause, resume or restart them
    from the work order's milestones and status. Returns what changed, for the event.

    The open deadlines are read once; ``Ticket.next_due_at`` is set from them (in the database
    and in memory) without reading them again."""
    changes: dict[str, object] = {}
    rows = list(Deadline.objects.filter(ticket=ticket, is_open=True).select_related("calendar"))
    if ticket.first_response_at is not None and _close_kind(rows, DeadlineKind.FIRST_RESPONSE, at):
        changes["first_response"] = "met"
    if ticket.status_category in DONE:
        if _close_kind(rows, DeadlineKind.RESOLVE, at):
            changes["resolve"] = "met"
    else:
        running = [d for d in rows if d.is_open and d.kind in SLA_KINDS]
        changes.update(_pause_or_resume(ticket, at, running, rows))
    due = min((d.due_at for d in rows if d.is_open and d.due_at is not None), default=None)
    Ticket.objects.filter(pk=ticket.pk).update(next_due_at=due)
    ticket.next_due_at = due
    if changes:
        changes["next_due_at"] = due.isoformat() if due else None
    return changes


def _close_kind(rows: list[Deadline], kind: str, at: dt.datetime) -> int:
    """Meet the open deadlines of ``kind`` among ``rows``; how many were closed."""
    return sum(_close(d, at, met=True) for d in rows if d.is_open and d.kind == kind)


def _pause_or_resume(
    ticket: Ticket, at: dt.datetime, running: list[Deadline], rows: list[Deadline]
) -> dict[str, object]:
    """Pause or resume the ``running`` SLA deadlines; a restarted one is added to ``rows``."""
    changes: dict[str, object] = {}
    if not running and ticket.reopen_count and ticket.resolved_at is None:
        # Reopened after resolution: the resolution clock starts again from the policy.
        already = Deadline.objects.filter(
            ticket=ticket, kind=DeadlineKind.RESOLVE, ref=f"r{ticket.reopen_count}"
        ).exists()
        policy = None if already else _policy_for(ticket)
        if policy is not None:
            clock = Clock(policy.calendar, at)
            restarted = _sla_deadline(
                ticket, policy, DeadlineKind.RESOLVE, policy.resolve_minutes, at, clock
            )
            restarted.save()
            rows.append(restarted)
            changes["resolve"] = "restarted"
    pausing = ticket.status_category in PAUSING
    for deadline in running:
        clock = Clock(deadline.calendar, at)
        if pausing and deadline.running_since is not None:
            _pause(deadline, at, clock)
            changes[deadline.kind] = "paused"
        elif not pausing and deadline.running_since is None:
            _run(deadline, at, clock)
            changes[deadline.kind] = "resumed"
        else:
            continue
        deadline.save(
            update_fields=["spent_minutes", "running_since", "due_at", "warn_at", "next_check_at"]
        )
    return changes
