"""Shared bits of the workflow pages (流程页面公共件): the typed request and the type lookup."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from kefu.accounts.models import User
from kefu.tickets.models import TicketType

VIEW = "tickets.view_workflowversion"
PUBLISH = "tickets.add_workflowversion"
ADD_TYPE = "tickets.add_tickettype"


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user, ``htmx`` is set."""

    user: User
    htmx: HtmxDetails


def ticket_type(code: str) -> TicketType:
    """The work order type with this code, or 404."""
    return get_object_or_404(TicketType, code=code)
