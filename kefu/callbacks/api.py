"""Callbacks API (回访接口) at /api/v1/callbacks: my callback tasks, and recording a call.

Reads go through ``visible_to``: an agent sees its own and the unassigned tasks, a supervisor
or manager every task; a task outside the caller's scope is 404. Tasks have no business number
and are addressed by id.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from kefu.accounts.models import User
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackReason, CallbackStatus, CallbackTask
from kefu.callbacks.querysets import CallbackTaskQuerySet
from kefu.callbacks.services import complete_task
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.masking import mask_phone
from kefu.core.paging import MAX_PAGE_SIZE, keyset_page
from kefu.tickets.choices import CallbackOutcome, Satisfaction

router = Router()
PERM = "callbacks.view_callbacktask"


class CustomerRef(Schema):
    id: int
    name: str
    phone: str = Field(description="Masked (138****5678).")


class CallbackTaskOut(Schema):
    id: int
    customer: CustomerRef
    ticket: str | None = Field(description="Number of the work order, if any.")
    reason: CallbackReason
    note: str
    due_on: date
    is_overdue: bool
    assignee: str | None = Field(description="Username of the assignee.")
    status: CallbackStatus
    outcome: CallbackOutcome | None
    satisfaction: Satisfaction | None
    notes: str
    attempts: int
    last_attempt_at: datetime | None
    last_outcome: CallbackOutcome | None
    next_callback_on: date | None
    created_at: datetime
    done_at: datetime | None
    done_by: str | None


class CallbackTaskPage(Schema):
    items: list[CallbackTaskOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class CallbackFilters(Schema):
    mine: bool = Field(False, description="Only the tasks assigned to the caller.")
    status: CallbackStatus | None = Field(None, description="Default: every status.")
    due_by: date | None = Field(None, description="Due on or before this day.")
    overdue: bool | None = Field(None, description="Only open tasks past their due day.")
    reason: CallbackReason | None = None
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class CompleteIn(Schema):
    outcome: CallbackOutcome
    satisfaction: Satisfaction | None = None
    notes: str = Field("", max_length=2000)
    next_callback_on: date | None = None
    close: bool = Field(False, description="Close the task although the customer was not reached.")


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's bearer auth put it there
    return user


def _visible(request: HttpRequest) -> CallbackTaskQuerySet:
    return CallbackTask.objects.visible_to(_actor(request)).select_related(
        "customer", "ticket", "assignee", "done_by"
    )


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def task_out(task: CallbackTask, today: date) -> dict[str, Any]:
    return {
        "id": task.pk,
        "customer": {
            "id": task.customer_id,
            "name": task.customer.name,
            "phone": mask_phone(task.customer.phone),
        },
        "ticket": task.ticket.number if task.ticket else None,
        "reason": task.reason,
        "note": task.note,
        "due_on": task.due_on,
        "is_overdue": task.status == CallbackStatus.OPEN and task.due_on < today,
        "assignee": _username(task.assignee),
        "status": task.status,
        "outcome": task.outcome or None,
        "satisfaction": task.satisfaction or None,
        "notes": task.notes,
        "attempts": task.attempts,
        "last_attempt_at": task.last_attempt_at,
        "last_outcome": task.last_outcome or None,
        "next_callback_on": task.next_callback_on,
        "created_at": task.created_at,
        "done_at": task.done_at,
        "done_by": _username(task.done_by),
    }


@router.get("", response={200: CallbackTaskPage, **COMMON_ERRORS}, summary="List")
def list_tasks(request: HttpRequest, filters: Query[CallbackFilters]) -> dict[str, Any]:
    """Callback tasks visible to the caller, by due day (overdue first), a keyset page at a
    time. ``mine=true&status=open&due_by=<today>`` is the caller's list for today."""
    require_perm(request, PERM)
    today = local_today()
    qs = _visible(request)
    if filters.mine:
        qs = qs.assigned_to(_actor(request))
    if filters.status:
        qs = qs.filter(status=filters.status.value)
    if filters.due_by:
        qs = qs.filter(due_on__lte=filters.due_by)
    if filters.overdue is not None:
        qs = qs.overdue(today) if filters.overdue else qs.exclude(pk__in=qs.overdue(today))
    if filters.reason:
        qs = qs.filter(reason=filters.reason.value)
    page = keyset_page(qs, cursor=filters.cursor, limit=filters.limit, order="due_on")
    return {"items": [task_out(t, today) for t in page.items], "next_cursor": page.next_cursor}


@router.get("/{task_id}", response={200: CallbackTaskOut, **DETAIL_ERRORS}, summary="Read")
def get_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    require_perm(request, PERM)
    return task_out(get_object_or_404(_visible(request), pk=task_id), local_today())


@router.post(
    "/{task_id}/complete", response={200: CallbackTaskOut, **WRITE_ERRORS}, summary="Record a call"
)
def complete(request: HttpRequest, task_id: int, body: CompleteIn) -> dict[str, Any]:
    """Record one call (登记回访): reached closes the task (and records the work order's
    callback); not reached, refused or wrong number keep it open unless ``close`` is true."""
    require_perm(request, "callbacks.change_callbacktask")
    task = get_object_or_404(_visible(request), pk=task_id)
    done = complete_task(
        actor=_actor(request),
        task=task,
        outcome=body.outcome.value,
        satisfaction=body.satisfaction.value if body.satisfaction else "",
        notes=body.notes,
        next_callback_on=body.next_callback_on,
        close=body.close,
    )
    return task_out(get_object_or_404(_visible(request), pk=done.pk), local_today())
