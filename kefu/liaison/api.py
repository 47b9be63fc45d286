"""Work contact orders API (工作联系单接口) at /api/v1/contact-orders: list, read, print.

Read-only: orders are issued and answered through the work order's workflow steps
(``POST /api/v1/tickets/{number}/transitions``). Reads go through ``visible_to``: an order
outside the caller's scope is 404. Addressed by number, never by primary key.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from kefu.core import clock
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, require_perm
from kefu.core.paging import MAX_PAGE_SIZE, keyset_page
from kefu.liaison.choices import ContactOrderStatus
from kefu.liaison.documents import contact_order_pdf
from kefu.liaison.models import ContactOrder
from kefu.liaison.pdf import pdf_response
from kefu.liaison.querysets import ContactOrderQuerySet

router = Router()
PERM = "liaison.view_contactorder"


class DepartmentRef(Schema):
    id: int
    name: str
    kind: str


class ContactOrderOut(Schema):
    number: str
    ticket: str = Field(description="Number of the work order.")
    addressed_to: DepartmentRef
    status: ContactOrderStatus
    requested_action: str
    issued_by: str | None = Field(description="Username of the issuer.")
    issued_at: datetime
    act_by: datetime = Field(description="Acknowledge and act by (8 working hours).")
    reply_by: datetime
    is_overdue: bool
    acknowledged_at: datetime | None
    answered_by: str | None = Field(description="Username of who answered.")
    answered_at: datetime | None
    cause: str
    solution: str
    repair_report: str
    cancelled_at: datetime | None
    cancel_reason: str


class ContactOrderPage(Schema):
    items: list[ContactOrderOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class ContactOrderFilters(Schema):
    status: ContactOrderStatus | None = None
    open: bool | None = Field(None, description="Only open (true) or only closed (false).")
    ticket: str = Field("", max_length=32, description="Work order number.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


def _visible(request: HttpRequest) -> ContactOrderQuerySet:
    return ContactOrder.objects.visible_to(request.user).select_related(
        "ticket", "addressed_to", "issued_by", "answered_by"
    )


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def order_out(order: ContactOrder, at: datetime) -> dict[str, Any]:
    department = order.addressed_to
    return {
        "number": order.number,
        "ticket": order.ticket.number,
        "addressed_to": {"id": department.pk, "name": department.name, "kind": department.kind},
        "status": order.status,
        "requested_action": order.requested_action,
        "issued_by": _username(order.issued_by),
        "issued_at": order.issued_at,
        "act_by": order.act_by,
        "reply_by": order.reply_by,
        "is_overdue": order.is_overdue(at),
        "acknowledged_at": order.acknowledged_at,
        "answered_by": _username(order.answered_by),
        "answered_at": order.answered_at,
        "cause": order.cause,
        "solution": order.solution,
        "repair_report": order.repair_report,
        "cancelled_at": order.cancelled_at,
        "cancel_reason": order.cancel_reason,
    }


@router.get("", response={200: ContactOrderPage, **COMMON_ERRORS}, summary="List")
def list_orders(request: HttpRequest, filters: Query[ContactOrderFilters]) -> dict[str, Any]:
    """Contact orders visible to the caller (a handler or partner: those sent to its own
    department), newest first, one keyset page at a time."""
    require_perm(request, PERM)
    qs = _visible(request)
    if filters.status:
        qs = qs.filter(status=filters.status.value)
    if filters.open is not None:
        qs = qs.open() if filters.open else qs.closed()
    if filters.ticket:
        qs = qs.filter(ticket__number=filters.ticket)
    page = keyset_page(qs, cursor=filters.cursor, limit=filters.limit)
    at = clock.now()
    return {"items": [order_out(o, at) for o in page.items], "next_cursor": page.next_cursor}


@router.get("/{number}", response={200: ContactOrderOut, **DETAIL_ERRORS}, summary="Read")
def get_order(request: HttpRequest, number: str) -> dict[str, Any]:
    require_perm(request, PERM)
    return order_out(get_object_or_404(_visible(request), number=number), clock.now())


@router.get(
    "/{number}/pdf",
    response={200: bytes, **DETAIL_ERRORS},
    summary="Print as PDF",
    openapi_extra={
        "responses": {
            200: {
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
            }
        }
    },
)
def get_order_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The printable work contact order (工作联系单), customer phone masked."""
    require_perm(request, PERM)
    order = get_object_or_404(
        _visible(request).select_related("ticket__customer", "ticket__workflow_version"),
        number=number,
    )
    return pdf_response(contact_order_pdf(order), f"{order.number}.pdf")
