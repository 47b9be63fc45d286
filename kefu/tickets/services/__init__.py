"""Writes of work orders (工单写操作): the only code that creates tickets or moves their state.

``create_ticket`` opens a work order of a type with a fresh number; ``apply_transition`` moves
it one workflow step. Each runs in one transaction and appends an event and an audit entry.
"""

from kefu.tickets.services.creating import create_ticket
from kefu.tickets.services.transitions import apply_transition

__all__ = ["apply_transition", "create_ticket"]
