"""Service errors API (服务差错接口) at /api/v1/service-errors: list and register.

Reads go through ``ServiceError.objects.visible_to``: an agent lists the errors held against
them, QA, supervisors and managers every error. Registering needs ``quality.add_serviceerror``;
the work order is named by its number, the person by username.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.errors import ValidationFailed
from kefu.core.paging import MAX_PAGE_SIZE, keyset_page
from kefu.quality.choices import ErrorType, Severity
from kefu.quality.models import ServiceError
from kefu.quality.services import register_error
from kefu.tickets.models import Ticket

router = Router()


class ServiceErrorOut(Schema):
    id: int
    occurred_on: date
    ticket: str | None = Field(description="Number of the work order.")
    person: str | None = Field(description="Username of the person.")
    error_type: ErrorType
    severity: Severity
    description: str
    registered_by: str
    registered_at: datetime


class ServiceErrorPage(Schema):
    items: list[ServiceErrorOut]
    next_cursor: str | None


class ServiceErrorFilters(Schema):
    person: str = Field("", max_length=150, description="Username.")
    ticket: str = Field("", max_length=32, description="Work order number.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class ServiceErrorIn(Schema):
    model_config = ConfigDict(extra="forbid")  # an unknown field is a 422, not ignored

    occurred_on: date
    ticket: str = Field("", max_length=32, description="Work order number (optional).")
    person: str = Field("", max_length=150, description="Username (optional).")
    error_type: ErrorType
    severity: Severity
    description: str = Field(..., max_length=2000)


def error_out(error: ServiceError) -> dict[str, Any]:
    return {
        "id": error.pk,
        "occurred_on": error.occurred_on,
        "ticket": error.ticket.number if error.ticket else None,
        "person": error.person.get_username() if error.person else None,
        "error_type": error.error_type,
        "severity": error.severity,
        "description": error.description,
        "registered_by": error.registered_by.get_username(),
        "registered_at": error.registered_at,
    }


@router.get("", response={200: ServiceErrorPage, **COMMON_ERRORS}, summary="List")
def list_errors(request: HttpRequest, filters: Query[ServiceErrorFilters]) -> dict[str, Any]:
    """Service errors visible to the caller, newest first, one keyset page at a time."""
    require_perm(request, "quality.view_serviceerror")
    qs = ServiceError.objects.visible_to(request.user).select_related(
        "ticket", "person", "registered_by"
    )
    if filters.person:
        qs = qs.filter(person__username=filters.person)
    if filters.ticket:
        qs = qs.filter(ticket__number=filters.ticket)
    page = keyset_page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [error_out(e) for e in page.items], "next_cursor": page.next_cursor}


@router.post("", response={201: ServiceErrorOut, **WRITE_ERRORS}, summary="Register")
def create_error(request: HttpRequest, payload: ServiceErrorIn) -> Status[dict[str, Any]]:
    """Register a service error (登记服务差错) against a work order, a person, or both."""
    require_perm(request, "quality.add_serviceerror")
    fields: dict[str, list[str]] = {}
    ticket = None
    if payload.ticket:
        ticket = Ticket.objects.visible_to(request.user).filter(number=payload.ticket).first()
        if ticket is None:
            fields["ticket"] = [_("Work order not found.")]
    person = None
    if payload.person:
        person = User.objects.filter(username=payload.person, is_active=True).first()
        if person is None:
            fields["person"] = [_("No such person.")]
    if fields:
        raise ValidationFailed(_("Please correct the marked fields."), fields=fields)
    error = register_error(
        actor=request.user,
        occurred_on=payload.occurred_on,
        ticket=ticket,
        person=person,
        error_type=payload.error_type.value,
        severity=payload.severity.value,
        description=payload.description,
    )
    return Status(201, error_out(error))
