"""Writes of work orders (工单写操作): the only code that creates tickets or moves their state.

``create_ticket`` opens a work order of a type with a fresh number; ``apply_transition`` moves
it one workflow step. Each runs in one transaction and appends an event and an audit entry.
"""

from kefu.tickets.facts import needs_callback
from kefu.tickets.services.assigning import assign_ticket
from kefu.tickets.services.callbacks import record_callback
from kefu.tickets.services.creating import create_ticket
from kefu.tickets.services.publishing import create_ticket_type, publish_workflow
from kefu.tickets.services.steps import offered_steps
from kefu.tickets.services.transitions import apply_transition

__all__ = [
    "apply_transition",
    "assign_ticket",
    "create_ticket",
    "create_ticket_type",
    "needs_callback",
    "offered_steps",
    "publish_workflow",
    "record_callback",
]
