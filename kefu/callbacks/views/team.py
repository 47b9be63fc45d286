"""Team view (团队回访进度): each person's targets, progress, open and overdue tasks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kefu.accounts.models import User
from kefu.callbacks.assigning import callback_workers
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackTask
from kefu.callbacks.progress import progress_of
from kefu.callbacks.views.common import AuthedRequest
from kefu.org.models import Team


@login_required
@permission_required("callbacks.view_all_callbacks", raise_exception=True)
@require_GET
def team(request: AuthedRequest) -> HttpResponse:
    today = local_today()
    teams = list(Team.objects.order_by("name"))
    chosen = request.GET.get("team", "")
    with_open = CallbackTask.objects.open().values("assignee")
    people = User.objects.filter(
        Q(pk__in=callback_workers().values("pk")) | Q(pk__in=with_open), is_active=True
    )
    if chosen.isdigit():
        people = people.filter(staff__team_id=int(chosen))
    rows = progress_of(people.order_by("username"), today)
    unassigned = CallbackTask.objects.due_by(today).filter(assignee__isnull=True)
    return render(
        request,
        "callbacks/team.html",
        {
            "rows": rows,
            "teams": teams,
            "chosen": chosen,
            "today": today,
            "unassigned_due": unassigned.count(),
            "unassigned_overdue": unassigned.filter(due_on__lt=today).count(),
            "totals": {
                "done": sum(r.callbacks_done for r in rows),
                "created": sum(r.customers_created for r in rows),
                "open": sum(r.open_count for r in rows),
                "overdue": sum(r.overdue_count for r in rows),
            },
        },
    )
