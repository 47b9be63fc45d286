"""Writes of phone calls (通话写操作): the only code that writes calls and extensions.

``record_call_event`` stores one CTI event (idempotent per call and event);
``ticket_from_call`` opens the work order of a call (once); ``assign_extension`` and
``remove_extension`` keep the agents' extensions; ``allow_call_reports`` lets a system account
report calls and ``may_report_calls`` says whether an account is one.
"""

from kefu.cti.services.converting import ticket_from_call
from kefu.cti.services.extensions import (
    allow_call_reports,
    assign_extension,
    may_report_calls,
    remove_extension,
)
from kefu.cti.services.webhook import Recorded, record_call_event

__all__ = [
    "Recorded",
    "allow_call_reports",
    "assign_extension",
    "may_report_calls",
    "record_call_event",
    "remove_extension",
    "ticket_from_call",
]
