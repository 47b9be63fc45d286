"""Writes of work contact orders (工作联系单写操作): issue, acknowledge, answer, cancel.

They run inside a workflow step's transaction (``kefu.liaison.handlers`` calls them from the
``issue_contact_order`` effect and the after-transition hook), where the tickets service has
already checked the actor's permission and data scope. Each writes an audit row and starts or
stops the order's deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core import clock
from kefu.liaison import obligations
from kefu.liaison.choices import ContactOrderStatus
from kefu.liaison.models import ContactOrder
from kefu.org.models import Department
from kefu.tickets.models import Ticket
from kefu.tickets.numbering import next_number

NUMBER_PREFIX = "LX"


def open_order_of(ticket: Ticket) -> ContactOrder | None:
    """The ticket's open contact order (at most one), locked for the caller's transaction."""
    return ContactOrder.objects.select_for_update(of=("self",)).open().filter(ticket=ticket).first()


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def issue_contact_order(
    *,
    actor: Any,
    ticket: Ticket,
    addressed_to: Department,
    requested_action: str,
    reply_by: dt.datetime | None = None,
) -> ContactOrder:
    """Issue a work contact order (开具工作联系单) for the ticket to a department or partner.

    The previous open order of the same ticket is cancelled first. The addressee must act
    within 8 working hours and reply by ``reply_by`` (3 days when not given).
    """
    at = clock.now()
    with transaction.atomic():
        previous = open_order_of(ticket)
        if previous is not None:
            cancel_contact_order(
                actor=actor,
                order=previous,
                reason=_("Replaced by a new work contact order."),
                at=at,
            )
        due = reply_by or obligations.default_reply_by(at)
        order = ContactOrder.objects.create(
            number=next_number(NUMBER_PREFIX, timezone.localdate(at)),
            ticket=ticket,
            addressed_to=addressed_to,
            issued_by=actor if _is_user(actor) else None,
            issued_at=at,
            requested_action=requested_action,
            act_by=min(obligations.act_by(at), due),
            reply_by=due,
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=order,
            changes={
                "ticket": ticket.number,
                "addressed_to": addressed_to.name,
                "requested_action": requested_action,
                "act_by": order.act_by.isoformat(),
                "reply_by": order.reply_by.isoformat(),
                "replaces": previous.number if previous else None,
            },
        )
        label = _("Work contact order %(number)s to %(department)s") % {
            "number": order.number,
            "department": addressed_to.name,
        }
        obligations.start(
            ticket=ticket,
            kind=obligations.ACT_KIND,
            due_at=order.act_by,
            ref=order.number,
            label=label,
            at=at,
        )
        obligations.start(
            ticket=ticket,
            kind=obligations.REPLY_KIND,
            due_at=order.reply_by,
            ref=order.number,
            label=label,
            at=at,
        )
    return order


def _change(order: ContactOrder, actor: Any, updates: dict[str, Any]) -> ContactOrder:
    before = {name: getattr(order, name) for name in updates}
    ContactOrder.objects.filter(pk=order.pk).update(**updates)
    order.refresh_from_db()

    def shown(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if hasattr(value, "pk"):
            return value.pk
        return value

    record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=order,
        changes={
            name.removesuffix("_id"): [shown(before[name]), shown(updates[name])]
            for name in updates
        },
    )
    return order


def acknowledge_contact_order(*, actor: Any, order: ContactOrder, at: dt.datetime) -> ContactOrder:
    """The addressee signs for the order (签收) and starts work: the time to act is met."""
    if order.status != ContactOrderStatus.SENT:
        return order
    order = _change(
        order,
        actor,
        {
            "status": ContactOrderStatus.ACKNOWLEDGED,
            "acknowledged_by": actor if _is_user(actor) else None,
            "acknowledged_at": at,
        },
    )
    obligations.stop(ticket=order.ticket, kinds=[obligations.ACT_KIND], ref=order.number, at=at)
    return order


def answer_contact_order(
    *,
    actor: Any,
    order: ContactOrder,
    at: dt.datetime,
    cause: str = "",
    solution: str = "",
    repair_report: str = "",
) -> ContactOrder:
    """The addressee answers the order (回复): cause and solution, or the repair report."""
    updates: dict[str, Any] = {
        "status": ContactOrderStatus.ANSWERED,
        "answered_by": actor if _is_user(actor) else None,
        "answered_at": at,
        "cause": cause,
        "solution": solution,
        "repair_report": repair_report,
    }
    if order.acknowledged_at is None:
        updates["acknowledged_by"] = updates["answered_by"]
        updates["acknowledged_at"] = at
    order = _change(order, actor, updates)
    obligations.stop(ticket=order.ticket, kinds=obligations.KINDS, ref=order.number, at=at)
    return order


def cancel_contact_order(
    *, actor: Any, order: ContactOrder, reason: str, at: dt.datetime
) -> ContactOrder:
    """Cancel the order (作废): the work order was sent back or sent elsewhere."""
    order = _change(
        order,
        actor,
        {"status": ContactOrderStatus.CANCELLED, "cancelled_at": at, "cancel_reason": reason},
    )
    obligations.stop(
        ticket=order.ticket, kinds=obligations.KINDS, ref=order.number, at=at, met=False
    )
    return order
