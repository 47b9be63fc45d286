"""Opening a work order (新建工单)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotFound, NotPermitted, ValidationFailed
from kefu.customers.models import Customer
from kefu.tickets.choices import Channel, EventKind, Priority
from kefu.tickets.hooks import Written, run_after_create
from kefu.tickets.models import Ticket, TicketType, WorkflowVersion
from kefu.tickets.numbering import next_number
from kefu.tickets.search import index_ticket
from kefu.tickets.services.events import append_event


def _validated(
    *, type_code: str, channel: str, priority: str, title: str
) -> tuple[TicketType, WorkflowVersion]:
    errors: dict[str, list[str]] = {}
    # The newest version of the active type, with its type, in one query; the definition is
    # parsed once per process (``WorkflowVersion.workflow``), so it is read only on a miss.
    version = (
        WorkflowVersion.objects.filter(ticket_type__code=type_code, ticket_type__is_active=True)
        .select_related("ticket_type")
        .defer("definition")
        .order_by("-version")
        .first()
    )
    ticket_type = version.ticket_type if version is not None else None
    if ticket_type is None or version is None:
        errors["type_code"] = [_("Choose an active work order type.")]
    if channel not in Channel.values:
        errors["channel"] = [_("Choose a channel.")]
    if priority not in Priority.values:
        errors["priority"] = [_("Choose a priority.")]
    if not title.strip():
        errors["title"] = [_("Enter a title.")]
    if errors or ticket_type is None or version is None:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return ticket_type, version


def create_ticket(
    *,
    actor: Any,
    type_code: str,
    customer: Customer,
    channel: str,
    priority: str = Priority.MEDIUM,
    category: str = "",
    title: str,
    description: str = "",
    customer_checked: bool = False,
) -> Ticket:
    """Open a work order (新建工单) of a type in its workflow's initial state, numbered.

    The ticket keeps the workflow version current at creation for the rest of its life.
    ``customer_checked``: the caller read ``customer`` through
    ``Customer.objects.visible_to(actor)`` itself (the API does), so it is not read again.
    The returned work order has its type, version and customer loaded and is up to date (the
    hooks keep it so in memory): callers show it without reading it back.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("tickets.add_ticket"):
        raise NotPermitted(_("You may not open work orders."))
    if (
        not customer_checked
        and not Customer.objects.visible_to(actor).filter(pk=customer.pk).exists()
    ):
        raise NotFound(_("Customer not found."))
    ticket_type, version = _validated(
        type_code=type_code, channel=channel, priority=priority, title=title
    )
    initial = version.workflow().initial
    if initial is None:  # validate() refuses such a workflow before it is published
        raise ValidationFailed(_("The workflow of this type has no initial state."))
    with transaction.atomic():
        at = now()
        ticket = Ticket.objects.create(
            number=next_number(ticket_type.number_prefix, timezone.localdate(at)),
            ticket_type=ticket_type,
            workflow_version=version,
            state=initial.code,
            status_category=initial.category.value,
            channel=channel,
            priority=priority,
            category=category.strip(),
            customer=customer,
            title=title.strip(),
            description=description,
            created_by=actor,
            created_at=at,
            updated_at=at,
        )
        index_ticket(ticket)
        # Hooks keep ``ticket`` up to date in memory (e.g. the deadlines set next_due_at).
        hooked = run_after_create(Written(ticket, actor, at, "", "", {}))
        append_event(
            ticket=ticket,
            actor=actor,
            at=at,
            kind=EventKind.CREATED,
            to_state=initial.code,
            data={
                "workflow_version": version.version,
                "channel": channel,
                "priority": priority,
                "hooks": hooked,
            },
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=ticket,
            changes={
                "number": [None, ticket.number],
                "type": [None, ticket_type.code],
                "state": [None, initial.code],
                "customer": [None, customer.pk],
            },
        )
    return ticket
