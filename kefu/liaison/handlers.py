"""Workflow glue (流程衔接): the ``issue_contact_order`` effect and the after-step hook.

Registered in ``LiaisonConfig.ready``. Both run inside ``apply_transition``'s transaction, after
the work order's state (and its responsible department or partner column) has moved:

- the effect issues a new contact order to the department or partner the step's form named, or,
  when a step reopens the work (reopen, dissatisfied customer, failed acceptance), again to the
  department that had it; the previous open order is cancelled;
- the hook follows the addressee's own steps: starting work acknowledges the open order,
  findings or a repair report answer it, sending the work order back cancels it, and asking for
  more work after an answer issues a follow-up order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.core.errors import ValidationFailed
from kefu.liaison.models import ContactOrder
from kefu.liaison.services import (
    acknowledge_contact_order,
    answer_contact_order,
    cancel_contact_order,
    issue_contact_order,
    open_order_of,
)
from kefu.org.models import Department
from kefu.tickets.hooks import Written
from kefu.tickets.models import Ticket

EFFECT_KEY = "issue_contact_order"
DUE_FIELDS = ("reply_due_at", "repair_due_at")
# Why the work is handed out again, in the order they are looked for, when a reopening step
# gives no requested action of its own.
REASON_FIELDS = ("reopen_reason", "reject_reason", "return_reason", "callback_outcome")

ACKNOWLEDGING = frozenset({"start_investigation", "start_repair"})
ANSWERING = frozenset({"submit_findings", "complete_repair", "adopt", "decline"})
CANCELLING = frozenset({"send_back"})
ASKING_MORE = frozenset({"request_more"})


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_due(value: object, *, field: str) -> dt.datetime | None:
    """A due time from a form: a datetime, a date (end of that day) or ISO 8601 text; naive
    times are local (Asia/Shanghai by default)."""
    if value is None or value == "":
        return None
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(23, 59, 59))
    elif isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(23, 59, 59))
            else:
                moment = dt.datetime.fromisoformat(text)
        except ValueError:
            moment = None
    if moment is None:
        message = _("Enter a valid date and time.")
        raise ValidationFailed(message, fields={field: [message]})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _named_department(fields: Mapping[str, object], ticket: Ticket) -> Department | None:
    """The addressee the step's form named; the ticket's columns already hold it."""
    if fields.get("partner") not in (None, "") and ticket.partner_id:
        return ticket.partner
    if fields.get("responsible_department") not in (None, "") and ticket.department_id:
        return ticket.department
    return None


def _current_department(ticket: Ticket, previous: ContactOrder | None) -> Department | None:
    """Whom reopened work goes to again: the ticket's partner or responsible department, the
    one that had the last order when it is still one of them."""
    current = [d for d in (ticket.partner, ticket.department) if d is not None]
    if previous is not None and (previous.addressed_to in current or not current):
        return previous.addressed_to
    return current[0] if current else None


def _previous(ticket: Ticket) -> ContactOrder | None:
    return (
        ContactOrder.objects.filter(ticket=ticket)
        .select_related("addressed_to")
        .order_by("-id")
        .first()
    )


def _again_action(fields: Mapping[str, object], previous: ContactOrder | None) -> str:
    reason = next(
        (_text(fields.get(name)) for name in REASON_FIELDS if _text(fields.get(name))), ""
    )
    earlier = previous.requested_action if previous else ""
    lines = [_("Handle again: %(reason)s") % {"reason": reason}] if reason else []
    if earlier:
        lines.append(earlier)
    return "\n".join(lines) or _("Handle the work order again.")


def issue_from_step(ticket: Ticket, actor: Any, fields: Mapping[str, object]) -> dict[str, object]:
    """Effect ``issue_contact_order`` (开具工作联系单)."""
    reply_by = None
    for name in DUE_FIELDS:
        reply_by = parse_due(fields.get(name), field=name) or reply_by
    previous = _previous(ticket)
    addressee = _named_department(fields, ticket) or _current_department(ticket, previous)
    if addressee is None:
        return {"effect": EFFECT_KEY, "done": False, "reason": "no department to address"}
    action = _text(fields.get("requested_action")) or _again_action(fields, previous)
    order = issue_contact_order(
        actor=actor,
        ticket=ticket,
        addressed_to=addressee,
        requested_action=action,
        reply_by=reply_by,
    )
    return {
        "effect": EFFECT_KEY,
        "done": True,
        "number": order.number,
        "addressed_to": {"id": addressee.pk, "label": addressee.name},
        "act_by": order.act_by.isoformat(),
        "reply_by": order.reply_by.isoformat(),
    }


def follow_step(written: Written) -> dict[str, object] | None:
    """After-step hook: the addressee's steps move the ticket's open contact order."""
    code = written.transition
    if code not in ACKNOWLEDGING | ANSWERING | CANCELLING | ASKING_MORE:
        return None
    ticket, actor, fields, at = written.ticket, written.actor, written.fields, written.at
    order = open_order_of(ticket)
    if code in ASKING_MORE:
        if order is not None:
            return None
        previous = _previous(ticket)
        if previous is None:
            return None
        order = issue_contact_order(
            actor=actor,
            ticket=ticket,
            addressed_to=previous.addressed_to,
            requested_action=_again_action(fields, previous),
        )
        return {"contact_order": order.number, "status": order.status}
    if order is None:
        return None
    if code in ACKNOWLEDGING:
        order = acknowledge_contact_order(actor=actor, order=order, at=at)
    elif code in ANSWERING:
        order = answer_contact_order(
            actor=actor,
            order=order,
            at=at,
            cause=_text(fields.get("cause")),
            solution=_text(fields.get("solution")) or _text(fields.get("evaluation")),
            repair_report=_text(fields.get("repair_report")),
        )
    else:
        order = cancel_contact_order(
            actor=actor, order=order, reason=_text(fields.get("return_reason")), at=at
        )
    return {"contact_order": order.number, "status": order.status}
