"""The addressee's steps (收文部门可做的步骤): which workflow steps a user may take on a
contact order's work order from the contact order page."""

from __future__ import annotations

from typing import Any

from kefu.liaison.models import ContactOrder
from kefu.org.scope import place_of
from kefu.tickets.services import offered_steps
from kefu.tickets.workflow import Transition

HANDLER_PERMISSION = "tickets.handle_ticket"


def is_addressee(user: Any, order: ContactOrder) -> bool:
    """The user works in the department or partner company the order is addressed to."""
    return place_of(user).department_id == order.addressed_to_id


def addressee_steps(user: Any, order: ContactOrder) -> list[Transition]:
    """The handler steps (start, findings, send back, repair report …) the user may take now:
    only the addressee of an open order, only steps the workflow gives the handler."""
    if not order.is_open or not is_addressee(user, order):
        return []
    steps = [s for s in offered_steps(order.ticket, user) if s.permission == HANDLER_PERMISSION]
    # Doing the work comes first; sending it back (with a reason) last.
    return sorted(steps, key=lambda step: "return_reason" in step.required_fields)
