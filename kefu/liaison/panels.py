"""Work order page panel (工单页面板): the ticket's contact orders and printable forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from kefu.core import clock
from kefu.liaison.models import ContactOrder
from kefu.liaison.presenters import order_row
from kefu.tickets.models import Ticket

OPINION_FORM_TYPES = frozenset({"complaint"})


def has_opinion_form(ticket: Ticket) -> bool:
    """Complaints have a customer opinion form (顾客意见处理单)."""
    return ticket.ticket_type.code in OPINION_FORM_TYPES


def contact_orders_panel(ticket: Ticket, user: Any) -> Mapping[str, Any] | None:
    """The ticket's contact orders the user may see, newest first; hidden when there is
    nothing to show. The work order page includes the template with this dict as ``ctx``."""
    orders = list(
        ContactOrder.objects.visible_to(user)
        .filter(ticket=ticket)
        .select_related("addressed_to")
        .order_by("-id")
    )
    opinion = has_opinion_form(ticket) and user.has_perm("tickets.view_ticket")
    if not orders and not opinion:
        return None
    at = clock.now()
    return {
        "contact_orders": [order_row(order, at) for order in orders],
        "opinion_form_url": (
            reverse("liaison:opinion_form", args=[ticket.number]) if opinion else ""
        ),
    }
