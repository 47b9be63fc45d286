"""Customer API (客户接口) at /api/v1/customers: list, read, create, update, reveal, timeline.

Thin: it checks capabilities, reads through ``visible_to`` and calls the services. Phone, ID
number and email leave the API masked; the full values only through ``/reveal`` (audited).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.paging import keyset_page
from kefu.customers.api.schemas import (
    CustomerFilters,
    CustomerIn,
    CustomerOut,
    CustomerPage,
    CustomerPatch,
    RevealIn,
    RevealOut,
    TimelineEntryOut,
    TimelineParams,
    customer_out,
    service_data,
)
from kefu.customers.forms import filter_customers
from kefu.customers.models import Customer
from kefu.customers.querysets import CustomerQuerySet
from kefu.customers.services import create_customer, reveal_personal_data, update_customer
from kefu.customers.timeline import timeline_for

router = Router()


# --- endpoints ------------------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


def _visible(request: HttpRequest) -> CustomerQuerySet:
    return Customer.objects.visible_to(_actor(request))


def _loaded(request: HttpRequest, customer_id: int) -> Customer:
    qs = _visible(request).select_related("owner").prefetch_related("tags")
    return get_object_or_404(qs, pk=customer_id)


@router.get("", response={200: CustomerPage, **COMMON_ERRORS}, summary="List customers")
def list_customers(request: HttpRequest, filters: Query[CustomerFilters]) -> dict[str, Any]:
    """Active customers visible to the caller, newest first, one keyset page at a time."""
    require_perm(request, "customers.view_customer")
    qs = filter_customers(
        _visible(request).active(),
        q=filters.q.strip(),
        grade=filters.grade.value if filters.grade else "",
        vip_level=filters.vip_level,
        tag=filters.tag.strip(),
    )
    page = keyset_page(
        qs.select_related("owner").prefetch_related("tags"),
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [customer_out(c) for c in page.items], "next_cursor": page.next_cursor}


@router.get("/{customer_id}", response={200: CustomerOut, **DETAIL_ERRORS}, summary="Read")
def get_customer(request: HttpRequest, customer_id: int) -> dict[str, Any]:
    require_perm(request, "customers.view_customer")
    return customer_out(_loaded(request, customer_id))


@router.post("", response={201: CustomerOut, **WRITE_ERRORS}, summary="Create a customer")
def post_customer(request: HttpRequest, payload: CustomerIn) -> Status[dict[str, Any]]:
    require_perm(request, "customers.add_customer")
    data = service_data(payload.model_dump())
    customer = create_customer(actor=_actor(request), data=data)
    return Status(201, customer_out(_loaded(request, customer.pk)))


@router.patch("/{customer_id}", response={200: CustomerOut, **WRITE_ERRORS}, summary="Update")
def patch_customer(
    request: HttpRequest, customer_id: int, payload: CustomerPatch
) -> dict[str, Any]:
    require_perm(request, "customers.change_customer")
    customer = _loaded(request, customer_id)
    data = service_data(payload.model_dump(exclude_unset=True))
    update_customer(actor=_actor(request), customer=customer, data=data)
    return customer_out(_loaded(request, customer_id))


@router.post(
    "/{customer_id}/reveal",
    response={200: RevealOut, **DETAIL_ERRORS},
    summary="Reveal phone, ID number and email (audited)",
)
def reveal(request: HttpRequest, customer_id: int, payload: RevealIn) -> dict[str, str]:
    """The unmasked values, for a reason written to the audit log. Needs the reveal capability."""
    require_perm(request, "customers.reveal_personal_data")
    customer = _loaded(request, customer_id)
    revealed = reveal_personal_data(actor=_actor(request), customer=customer, reason=payload.reason)
    return {"phone": revealed.phone, "id_number": revealed.id_number, "email": revealed.email}


@router.get(
    "/{customer_id}/timeline",
    response={200: list[TimelineEntryOut], **DETAIL_ERRORS},
    summary="Timeline, newest first",
)
def timeline(
    request: HttpRequest, customer_id: int, params: Query[TimelineParams]
) -> list[dict[str, Any]]:
    require_perm(request, "customers.view_customer")
    customer = _loaded(request, customer_id)
    return [
        {
            "at": e.at,
            "kind": e.kind,
            "title": str(e.title),
            "detail": str(e.detail or ""),
            "url": e.url or None,
        }
        for e in timeline_for(customer, _actor(request), limit=params.limit)
    ]
