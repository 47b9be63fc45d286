"""Linked and merged work orders and tags, in the API (关联、合并、标签接口) under
/api/v1/tickets/{number}/."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Status

from kefu.core.api import DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.tickets.api.record_common import actor_of, other_ticket, ticket_in_scope
from kefu.tickets.api.record_schemas import (
    LinkIn,
    LinkOut,
    LinksOut,
    MergeIn,
    MergeOut,
    TagsIn,
    TagsOut,
)
from kefu.tickets.models import Ticket, TicketLink, TicketTag
from kefu.tickets.services.records import link_tickets, merge_ticket, set_tags

router = Router()


def _linked(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "title": ticket.title,
        "status_category": ticket.status_category,
    }


def link_out(link: TicketLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "kind": link.kind,
        "from_number": link.from_ticket.number,
        "to_number": link.to_ticket.number,
        "at": link.at,
    }


# --- links, merge, tags ---------------------------------------------------------------------


@router.get(
    "/{number}/links",
    response={200: LinksOut, **DETAIL_ERRORS},
    summary="Linked and merged work orders",
)
def list_links(request: HttpRequest, number: str) -> dict[str, Any]:
    """Only linked work orders the caller may see are listed."""
    ticket = ticket_in_scope(request, number)
    visible = Ticket.objects.visible_to(actor_of(request))
    links = (
        TicketLink.objects.filter(Q(from_ticket=ticket) | Q(to_ticket=ticket))
        .filter(from_ticket__in=visible, to_ticket__in=visible)
        .select_related("from_ticket", "to_ticket")
    )
    merged_into = (
        visible.filter(pk=ticket.merged_into_id).first() if ticket.merged_into_id else None
    )
    return {
        "links": [link_out(link) for link in links],
        "merged_into": _linked(merged_into) if merged_into else None,
        "merged_from": [_linked(t) for t in visible.filter(merged_into=ticket).order_by("id")],
    }


@router.post(
    "/{number}/links",
    response={201: LinkOut, **WRITE_ERRORS},
    summary="Link to another work order",
)
def post_link(request: HttpRequest, number: str, payload: LinkIn) -> Status[dict[str, Any]]:
    """This work order is ``kind`` (related to, duplicate of, caused by) the one numbered
    ``number``. One link per pair: a second one answers 409."""
    ticket = ticket_in_scope(request, number)
    other = other_ticket(request, payload.number, "number")
    link = link_tickets(
        actor=actor_of(request), ticket=ticket, other=other, kind=payload.kind.value
    )
    return Status(201, link_out(link))


@router.post(
    "/{number}/merge",
    response={200: MergeOut, **WRITE_ERRORS},
    summary="Merge into another work order",
)
def post_merge(request: HttpRequest, number: str, payload: MergeIn) -> dict[str, Any]:
    """Close this work order as merged into ``into``: its state code is kept, its status
    category becomes closed. 409 when either is closed or already merged; 422 into itself or
    across customers without ``across_customers``."""
    require_perm(request, "tickets.merge_ticket")
    source = ticket_in_scope(request, number)
    target = other_ticket(request, payload.into, "into")
    merged = merge_ticket(
        actor=actor_of(request),
        source=source,
        target=target,
        across_customers=payload.across_customers,
    )
    return {
        "number": merged.number,
        "merged_into": target.number,
        "state": merged.state,
        "status_category": merged.status_category,
        "closed_at": merged.closed_at,
    }


@router.get("/{number}/tags", response={200: TagsOut, **DETAIL_ERRORS}, summary="Tags")
def get_tags(request: HttpRequest, number: str) -> dict[str, Any]:
    ticket = ticket_in_scope(request, number)
    return {"tags": list(TicketTag.objects.filter(ticket=ticket).values_list("name", flat=True))}


@router.put("/{number}/tags", response={200: TagsOut, **WRITE_ERRORS}, summary="Set the tags")
def put_tags(request: HttpRequest, number: str, payload: TagsIn) -> dict[str, Any]:
    """Replace the work order's tags (at most 10, each at most 30 characters)."""
    ticket = ticket_in_scope(request, number)
    return {"tags": set_tags(actor=actor_of(request), ticket=ticket, names=payload.tags)}
