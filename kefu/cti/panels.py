"""The phone app on other pages (来电面板): the work order page's "calls" panel and the
customer timeline's calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.core.masking import mask_phone
from kefu.cti.links import ticket_url
from kefu.cti.models import Call
from kefu.customers.models import Customer
from kefu.customers.timeline import TimelineEntry
from kefu.tickets.models import Ticket

RECENT = dt.timedelta(days=7)
PANEL_LIMIT = 20
TIMELINE_LIMIT = 50


def ticket_calls_panel(ticket: Ticket, user: Any) -> Mapping[str, Any] | None:
    """Calls of the work order and of its customer in the last 7 days (相关来电); hidden
    when there are none or the user may not see calls."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm("cti.view_call"):
        return None
    linked = Q(ticket=ticket) | Q(customer_id=ticket.customer_id, started_at__gte=now() - RECENT)
    calls = list(
        Call.objects.visible_to(user)
        .filter(linked)
        .select_related("agent", "ticket")
        .order_by("-started_at", "-id")[:PANEL_LIMIT]
    )
    if not calls:
        return None
    rows = [
        {
            "call": call,
            "phone": mask_phone(call.caller),
            "is_this_ticket": call.ticket_id == ticket.pk,
            "ticket_url": ticket_url(call.ticket.number) if call.ticket else "",
        }
        for call in calls
    ]
    return {"call_rows": rows}


def call_entries(customer: Customer, user: Any) -> Iterable[TimelineEntry]:
    """Customer timeline source (客户时间线): the customer's calls the user may see."""
    calls = (
        Call.objects.visible_to(user)
        .filter(customer=customer)
        .select_related("agent", "ticket")
        .order_by("-started_at", "-id")[:TIMELINE_LIMIT]
    )
    for call in calls:
        detail = str(call.agent or call.extension or "")
        if call.duration_seconds is not None:
            detail = _("%(detail)s, %(seconds)d s") % {
                "detail": detail,
                "seconds": call.duration_seconds,
            }
        yield TimelineEntry(
            at=call.started_at,
            kind="call",
            title=_("Phone call: %(state)s") % {"state": call.get_state_display()},
            detail=detail,
            url=ticket_url(call.ticket.number) if call.ticket else "",
        )
