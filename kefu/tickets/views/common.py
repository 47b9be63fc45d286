"""Helpers shared by the work order pages (工单页面公共件): typed request, scope, workflows."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django_htmx.middleware import HtmxDetails

from kefu.accounts.models import User
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user, ``htmx`` is set."""

    user: User
    htmx: HtmxDetails


def visible_tickets(request: AuthedRequest) -> TicketQuerySet:
    """Every work order page starts here: the rows the user may see."""
    return Ticket.objects.visible_to(request.user)


def scoped_ticket(request: AuthedRequest, number: str) -> Ticket:
    """The work order ``number`` if the user may see it, else 404 (no existence leak)."""
    return get_object_or_404(
        visible_tickets(request).select_related(
            "ticket_type",
            "workflow_version",
            "customer",
            "assignee",
            "team",
            "department",
            "partner",
            "created_by",
        ),
        number=number,
    )


COMMON_CATEGORIES = ("产品质量", "服务态度", "售后问题", "价格收费", "设施设备", "安全卫生")


def category_options() -> list[str]:
    """Suggestions for the category field: the common classes and those already in use."""
    used = (
        Ticket.objects.exclude(category="")
        .order_by()
        .values_list("category", flat=True)
        .distinct()[:50]
    )
    return sorted({*COMMON_CATEGORIES, *used})


def optional_url(name: str) -> str | None:
    """The URL of ``name`` if another app has registered it yet (e.g. ``kb:suggest``)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None
