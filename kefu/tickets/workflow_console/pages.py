"""Workflow pages (流程页面): the types with their versions, one version shown readably."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.audit.models import AuditEntry
from kefu.tickets.models import Ticket, TicketType, WorkflowVersion
from kefu.tickets.workflow_console.common import PUBLISH, VIEW, AuthedRequest, ticket_type
from kefu.tickets.workflow_console.presenting import open_counts, state_rows, step_rows


@dataclass(frozen=True)
class VersionRow:
    """One published version (流程版本) with its publisher and open work orders."""

    version: int
    published_at: datetime
    published_by: str
    open_count: int


@dataclass(frozen=True)
class TypeRow:
    """One work order type (工单类型) with its current version and open work per version."""

    ticket_type: TicketType
    current: int | None
    open_by_version: list[tuple[int, int]]


def _versions(request: AuthedRequest, kind: TicketType) -> list[VersionRow]:
    versions = list(WorkflowVersion.objects.filter(ticket_type=kind).order_by("-version"))
    counts = open_counts(Ticket.objects.visible_to(request.user).filter(ticket_type=kind))
    publishers = dict(
        AuditEntry.objects.filter(
            object_type="tickets.workflowversion",
            object_id__in=[str(v.pk) for v in versions],
            action="create",
        ).values_list("object_id", "actor_label")
    )
    return [
        VersionRow(v.version, v.published_at, publishers.get(str(v.pk), ""), counts.get(v.pk, 0))
        for v in versions
    ]


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def type_list(request: AuthedRequest) -> HttpResponse:
    counts = open_counts(Ticket.objects.visible_to(request.user))
    by_type: dict[int, list[tuple[int, int]]] = {}
    for v in WorkflowVersion.objects.order_by("ticket_type_id", "-version").only(
        "pk", "ticket_type_id", "version"
    ):
        by_type.setdefault(v.ticket_type_id, []).append((v.version, counts.get(v.pk, 0)))
    rows = [
        TypeRow(
            ticket_type=kind,
            current=by_type[kind.pk][0][0] if kind.pk in by_type else None,
            open_by_version=by_type.get(kind.pk, []),
        )
        for kind in TicketType.objects.all()
    ]
    return render(
        request,
        "tickets/workflows/list.html",
        {"rows": rows, "can_add": request.user.has_perm("tickets.add_tickettype")},
    )


def _show(request: AuthedRequest, kind: TicketType, number: int | None) -> HttpResponse:
    versions = WorkflowVersion.objects.filter(ticket_type=kind)
    shown = (
        versions.order_by("-version").first()
        if number is None
        else versions.filter(version=number).first()
    )
    if shown is None:
        raise Http404
    history = _versions(request, kind)
    workflow = shown.workflow()
    return render(
        request,
        "tickets/workflows/type.html",
        {
            "kind": kind,
            "shown": shown,
            "is_current": shown.version == history[0].version,
            "workflow": workflow,
            "states": state_rows(workflow),
            "steps": step_rows(workflow),
            "history": history,
            "can_publish": request.user.has_perm(PUBLISH),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def type_detail(request: AuthedRequest, code: str) -> HttpResponse:
    return _show(request, ticket_type(code), None)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def version_detail(request: AuthedRequest, code: str, version: int) -> HttpResponse:
    return _show(request, ticket_type(code), version)
