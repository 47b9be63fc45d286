"""Registering service errors (登记服务差错): the only writer of ``ServiceError``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.quality.choices import ErrorType, Severity
from kefu.quality.models import ServiceError
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket
from kefu.tickets.services.events import append_event


def _validate(
    *,
    occurred_on: dt.date | None,
    ticket: Ticket | None,
    person: Any,
    error_type: str,
    severity: str,
    description: str,
    today: dt.date,
) -> None:
    errors: dict[str, list[str]] = {}
    if occurred_on is None:
        errors["occurred_on"] = [_("Enter the day the error occurred.")]
    elif occurred_on > today:
        errors["occurred_on"] = [_("The day cannot be in the future.")]
    if ticket is None and person is None:
        message = _("Name the work order, the person, or both.")
        errors["ticket"] = [message]
        errors["person"] = [message]
    if error_type not in ErrorType.values:
        errors["error_type"] = [_("Choose the error type.")]
    if severity not in Severity.values:
        errors["severity"] = [_("Choose the severity.")]
    if not description.strip():
        errors["description"] = [_("Describe the error.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)


def register_error(
    *,
    actor: Any,
    occurred_on: dt.date | None,
    error_type: str,
    severity: str,
    description: str,
    ticket: Ticket | None = None,
    person: Any = None,
) -> ServiceError:
    """Register a service error (登记服务差错) against a work order and/or a person.

    QA inspectors, supervisors and managers (``quality.add_serviceerror``). The work order
    must be one the actor may see; it gets an internal note event naming the error.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "quality.add_serviceerror"
    ):
        raise NotPermitted(_("You may not register service errors."))
    at = now()
    if ticket is not None and not Ticket.objects.visible_to(actor).filter(pk=ticket.pk).exists():
        message = _("Work order not found.")
        raise ValidationFailed(message, fields={"ticket": [message]})
    _validate(
        occurred_on=occurred_on,
        ticket=ticket,
        person=person,
        error_type=error_type,
        severity=severity,
        description=description,
        today=timezone.localdate(at),
    )
    assert occurred_on is not None
    with transaction.atomic():
        error = ServiceError.objects.create(
            occurred_on=occurred_on,
            ticket=ticket,
            person=person,
            error_type=error_type,
            severity=severity,
            description=description.strip(),
            registered_by=actor,
            registered_at=at,
        )
        if ticket is not None:
            append_event(
                ticket=ticket,
                actor=actor,
                at=at,
                kind=EventKind.NOTE,
                data={
                    "body": _("Service error registered: %(type)s (%(severity)s). %(text)s")
                    % {
                        "type": ErrorType(error_type).label,
                        "severity": Severity(severity).label,
                        "text": error.description,
                    },
                    "service_error": error.pk,
                },
            )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=error,
            changes={
                "occurred_on": [None, occurred_on.isoformat()],
                "ticket": [None, ticket.number if ticket else None],
                "person": [None, person.pk if person else None],
                "error_type": [None, error_type],
                "severity": [None, severity],
            },
        )
    return error
