"""Forms of the work order console (工单表单). They check shapes; the services check the rules."""

from kefu.tickets.forms.assigning import BulkAssignForm
from kefu.tickets.forms.callback import CallbackForm
from kefu.tickets.forms.creating import TicketCreateForm
from kefu.tickets.forms.filters import QueueFilterForm
from kefu.tickets.forms.steps import StepForm, is_long_text

__all__ = [
    "BulkAssignForm",
    "CallbackForm",
    "QueueFilterForm",
    "StepForm",
    "TicketCreateForm",
    "is_long_text",
]
