"""Work order API (工单接口) at /api/v1/tickets: open, read, list, and move along the workflow.

Thin: it reads through ``visible_to`` (out of scope is 404), calls the services and shows the
customer's phone masked. Work orders are addressed by business number, never by primary key.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.errors import ValidationFailed
from kefu.customers.models import Customer
from kefu.customers.services import customer_for_contact
from kefu.tickets.api.listing import filtered_page
from kefu.tickets.api.schemas import (
    CallbackIn,
    CallbackOut,
    TicketFilters,
    TicketIn,
    TicketOut,
    TicketPage,
    TransitionIn,
    TransitionOut,
    ticket_out,
    transition_out,
)
from kefu.tickets.hooks import dues_for
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet
from kefu.tickets.record_querysets import tagged
from kefu.tickets.services import apply_transition, create_ticket, offered_steps, record_callback
from kefu.tickets.vocabulary import FIELDS
from kefu.tickets.workflow_book import WorkflowBook

router = Router()


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


def _visible(request: HttpRequest) -> TicketQuerySet:
    # A version's definition is parsed once per process (``WorkflowVersion.workflow``).
    return (
        Ticket.objects.visible_to(_actor(request))
        .select_related("ticket_type", "workflow_version", "customer", "assignee")
        .defer("workflow_version__definition")
    )


def _loaded(request: HttpRequest, number: str) -> Ticket:
    return get_object_or_404(_visible(request), number=number)


def _out(ticket: Ticket) -> dict[str, Any]:
    dues = dues_for([ticket.pk]).get(ticket.pk)
    return ticket_out(ticket, ticket.workflow_version.workflow(), dues)


def _customer(actor: User, payload: TicketIn) -> Customer:
    customer_id = payload.customer_id
    if (customer_id is None) == (payload.customer is None):
        message = _("Give either customer_id or customer, not both.")
        raise ValidationFailed(message, fields={"customer": [message]})
    if payload.customer is not None:
        try:
            return customer_for_contact(
                actor=actor, name=payload.customer.name, phone=payload.customer.phone
            )
        except ValidationFailed as exc:
            fields = {f"customer.{name}": messages for name, messages in exc.fields.items()}
            raise ValidationFailed(exc.message, fields=fields) from None
    assert customer_id is not None  # checked above: exactly one of the two is given
    customer = Customer.objects.visible_to(actor).active().filter(pk=customer_id).first()
    if customer is None:
        message = _("No customer you may see has this id.")
        raise ValidationFailed(message, fields={"customer_id": [message]})
    return customer


# --- endpoints ------------------------------------------------------------------------------


@router.post("", response={201: TicketOut, **WRITE_ERRORS}, summary="Open a work order")
def post_ticket(request: HttpRequest, payload: TicketIn) -> Status[dict[str, Any]]:
    """Open a work order for a customer given by id, or by name and phone (matched by phone
    among the customers the caller may see, else created)."""
    actor = _actor(request)
    require_perm(request, "tickets.add_ticket")
    # A customer given by contact may be created: that and the work order are one transaction.
    # A customer given by id is only read (through ``visible_to``), outside the write, so the
    # write lock is held for the creation alone.
    by_contact = payload.customer is not None
    with transaction.atomic() if by_contact else contextlib.nullcontext():
        customer = _customer(actor, payload)
        try:
            ticket = create_ticket(
                actor=actor,
                type_code=payload.type,
                customer=customer,
                channel=payload.channel.value,
                priority=payload.priority.value,
                category=payload.category,
                title=payload.title,
                description=payload.description,
                customer_checked=not by_contact,
            )
        except ValidationFailed as exc:
            fields = {("type" if k == "type_code" else k): v for k, v in exc.fields.items()}
            raise ValidationFailed(exc.message, fields=fields) from None
    # The service returns the work order as stored, with its relations loaded.
    return Status(201, _out(ticket))


@router.get("", response={200: TicketPage, **COMMON_ERRORS}, summary="List work orders")
def list_tickets(request: HttpRequest, filters: Query[TicketFilters]) -> dict[str, Any]:
    """Work orders visible to the caller, newest first, one keyset page at a time; or one of
    the caller's queues by next deadline (``queue``); or the matches of a search (``q``)."""
    require_perm(request, "tickets.view_ticket")
    # A definition is read once per version on the page (``WorkflowBook``), not per row.
    qs = _visible(request)
    if filters.type:
        qs = qs.filter(ticket_type__code=filters.type)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.status_category:
        qs = qs.filter(status_category=filters.status_category.value)
    if filters.assignee:
        qs = qs.filter(assignee__username=filters.assignee)
    if filters.customer_id:
        qs = qs.filter(customer_id=filters.customer_id)
    if filters.channel:
        qs = qs.filter(channel=filters.channel.value)
    if filters.priority:
        qs = qs.filter(priority=filters.priority.value)
    if filters.tag.strip():
        qs = qs.filter(pk__in=tagged(Ticket.objects.all(), filters.tag).values("pk"))
    page = filtered_page(_actor(request), qs, filters)
    workflows = WorkflowBook().load(t.workflow_version for t in page.items)
    dues = dues_for([t.pk for t in page.items])
    return {
        "items": [ticket_out(t, workflows(t.workflow_version), dues.get(t.pk)) for t in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get("/{number}", response={200: TicketOut, **DETAIL_ERRORS}, summary="Read")
def get_ticket(request: HttpRequest, number: str) -> dict[str, Any]:
    require_perm(request, "tickets.view_ticket")
    return _out(_loaded(request, number))


@router.get(
    "/{number}/transitions",
    response={200: list[TransitionOut], **DETAIL_ERRORS},
    summary="Steps the caller may take now",
)
def list_transitions(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """The workflow steps the caller's capabilities allow from the current state, given what
    Kefu has on record (archiving is not offered before the callback is recorded)."""
    require_perm(request, "tickets.view_ticket")
    ticket = _loaded(request, number)
    return [transition_out(move) for move in offered_steps(ticket, _actor(request))]


@router.post(
    "/{number}/transitions",
    response={200: TicketOut, **WRITE_ERRORS},
    summary="Take one workflow step",
)
def post_transition(request: HttpRequest, number: str, payload: TransitionIn) -> dict[str, Any]:
    """Apply one step with its form fields. Refused steps answer 409 (wrong or stale state, a
    guard that does not hold) or 422 (unknown step, missing fields), with the reason."""
    require_perm(request, "tickets.view_ticket")
    errors: dict[str, list[str]] = {}
    for name in payload.fields:
        if name not in FIELDS:
            errors[f"fields.{name}"] = [_("Unknown field.")]
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)
    # The service reads the work order again, locked and through ``visible_to``: here only
    # its key and state are needed (out of scope is 404 either way).
    ticket = get_object_or_404(
        Ticket.objects.visible_to(_actor(request)).only("pk", "state"), number=number
    )
    if payload.expected_state is not None:
        ticket.state = payload.expected_state  # the state the caller saw
    moved = apply_transition(
        actor=_actor(request),
        ticket=ticket,
        transition=payload.transition,
        fields=payload.fields,
    )
    return _out(moved)  # as now stored, relations loaded (its scope may have changed)


@router.post(
    "/{number}/callbacks",
    response={201: CallbackOut, **WRITE_ERRORS},
    summary="Record a callback",
)
def post_callback(request: HttpRequest, number: str, payload: CallbackIn) -> Status[dict[str, Any]]:
    """Record one callback on a work order waiting for it (待回访). Only a reached customer
    completes the callback; 409 when the work order is not waiting for one."""
    require_perm(request, "tickets.reply_ticket")
    ticket = _loaded(request, number)
    event = record_callback(
        actor=_actor(request),
        ticket=ticket,
        outcome=payload.outcome.value,
        satisfaction=payload.satisfaction.value if payload.satisfaction else "",
        notes=payload.notes,
    )
    return Status(
        201,
        {
            "at": event.at,
            "outcome": event.data["outcome"],
            "satisfaction": event.data["satisfaction"],
            "by": _actor(request).get_username(),
        },
    )


# Records around a work order (comments, attachments, links, merge, tags): their own module.
from kefu.tickets.api.records import router as records_router  # noqa: E402

router.add_router("", records_router)
