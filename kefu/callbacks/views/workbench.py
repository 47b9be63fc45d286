"""Callback workbench (回访工作台): today's list of the signed-in person, one-screen outcome
entry per row (htmx), and the person's daily targets with progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.callbacks.days import local_today
from kefu.callbacks.forms import CompleteForm
from kefu.callbacks.models import CallbackTask
from kefu.callbacks.progress import progress_of
from kefu.callbacks.services import complete_task
from kefu.callbacks.views.common import AuthedRequest
from kefu.core.errors import DomainError
from kefu.customers.views.common import errors_to_form, vary_on_htmx

UPCOMING_DAYS = 7


def _form(task: CallbackTask, data: object = None) -> CompleteForm:
    return CompleteForm(data, prefix=f"t{task.pk}")  # type: ignore[arg-type]


@login_required
@permission_required("callbacks.view_callbacktask", raise_exception=True)
@require_GET
def workbench(request: AuthedRequest) -> HttpResponse:
    today = local_today()
    mine = CallbackTask.objects.visible_to(request.user).assigned_to(request.user)
    tasks = list(mine.due_by(today).select_related("customer", "ticket").order_by("due_on", "id"))
    upcoming = mine.open().filter(due_on__gt=today).count()
    unassigned = (
        CallbackTask.objects.visible_to(request.user)
        .due_by(today)
        .filter(assignee__isnull=True)
        .count()
    )
    can_complete = request.user.has_perm("callbacks.change_callbacktask")
    rows = [(task, _form(task) if can_complete else None) for task in tasks]
    return render(
        request,
        "callbacks/workbench.html",
        {
            "rows": rows,
            "today": today,
            "overdue_count": sum(1 for t in tasks if t.due_on < today),
            "upcoming": upcoming,
            "unassigned": unassigned,
            "progress": progress_of([request.user], today)[0],
        },
    )


@login_required
@permission_required("callbacks.view_callbacktask", raise_exception=True)
@require_GET
def my_progress(request: AuthedRequest) -> HttpResponse:
    """The progress panel alone (refreshed after each call recorded)."""
    progress = progress_of([request.user], local_today())[0]
    return render(request, "callbacks/_progress.html", {"progress": progress})


@login_required
@permission_required("callbacks.change_callbacktask", raise_exception=True)
@require_POST
def complete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a call for one task; htmx gets the row back, a plain post a redirect."""
    task = get_object_or_404(
        CallbackTask.objects.visible_to(request.user).select_related("customer", "ticket"), pk=pk
    )
    form = _form(task, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = complete_task(
                actor=request.user,
                task=task,
                outcome=data["outcome"],
                satisfaction=data["satisfaction"],
                notes=data["notes"],
                next_callback_on=data["next_callback_on"],
                close=data["close"],
            )
        except DomainError as exc:
            errors_to_form(form, exc)
        else:
            message = (
                _("Callback recorded.") if task.status == "done"
                else _("Attempt recorded; the task stays open.")
            )  # fmt: skip
            if not request.htmx:
                messages.success(request, message)
                return redirect("callbacks:workbench")
            task.refresh_from_db()
            response = render(
                request,
                "callbacks/_task_row.html",
                {"task": task, "form": None if task.status == "done" else _form(task),
                 "today": local_today(), "message": message},
            )  # fmt: skip
            response["HX-Trigger"] = "callbackRecorded"
            return vary_on_htmx(response)
    if not request.htmx:
        messages.error(request, _("The call was not recorded: please correct the marked fields."))
        return redirect("callbacks:workbench")
    response = render(
        request,
        "callbacks/_task_row.html",
        {"task": task, "form": form, "today": local_today()},
    )
    return vary_on_htmx(response)
