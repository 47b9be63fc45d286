"""Shared pieces of the work order records API (工单附属记录接口公共件): the caller, the work
order in scope, another work order named in a body."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.core.api import require_perm
from kefu.core.errors import ValidationFailed
from kefu.tickets.models import Ticket


def actor_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's bearer auth put it there
    return user


def ticket_in_scope(request: HttpRequest, number: str) -> Ticket:
    require_perm(request, "tickets.view_ticket")
    return get_object_or_404(Ticket.objects.visible_to(actor_of(request)), number=number)


def other_ticket(request: HttpRequest, number: str, field: str) -> Ticket:
    """Another work order named in the body: unknown or out of scope is a field error."""
    other = Ticket.objects.visible_to(actor_of(request)).filter(number=number).first()
    if other is None:
        message = _("No work order you may see has this number.")
        raise ValidationFailed(message, fields={field: [message]})
    return other
