"""Department pages (部门页面): the department tree, a department with its teams, positions and
staff, and the forms for departments and their teams."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from kefu.org import services
from kefu.org.choices import StaffStatus
from kefu.org.forms import DepartmentForm, TeamForm
from kefu.org.models import Department, Position, Staff, Team
from kefu.org.views.common import actor, form_page, posted, prefill

DEPARTMENT_STAFF_PREVIEW = 50


@dataclass
class TreeNode:
    department: Department
    children: list[TreeNode] = field(default_factory=list)


def build_tree(departments: list[Department]) -> list[TreeNode]:
    """Nest departments under their parents; one whose parent is not in the list is a root."""
    nodes = {d.pk: TreeNode(d) for d in departments}
    roots: list[TreeNode] = []
    for department in departments:
        node = nodes[department.pk]
        parent = nodes.get(department.parent_id) if department.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


@login_required
@permission_required("org.view_department", raise_exception=True)
def org_home(request: HttpRequest) -> HttpResponse:
    departments = list(
        Department.objects.visible_to(request.user)
        .annotate(
            staff_count=Count("staff", filter=Q(staff__status=StaffStatus.ACTIVE), distinct=True),
            team_count=Count("teams", distinct=True),
        )
        .order_by("kind", "name", "id")
    )
    return render(request, "org/home.html", {"tree": build_tree(departments)})


@login_required
@permission_required("org.view_department", raise_exception=True)
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    department = get_object_or_404(
        Department.objects.visible_to(user).select_related("parent"), pk=pk
    )
    staff = Staff.objects.visible_to(user).filter(department=department)
    context = {
        "department": department,
        "children": Department.objects.visible_to(user).filter(parent=department),
        "teams": Team.objects.visible_to(user)
        .filter(department=department)
        .select_related("leader")
        .annotate(member_count=Count("members", filter=Q(members__status=StaffStatus.ACTIVE))),
        "positions": Position.objects.visible_to(user)
        .filter(department=department)
        .select_related("superior")
        .with_staff_count(),
        "staff": staff.select_related("team", "position")[:DEPARTMENT_STAFF_PREVIEW],
        "staff_total": staff.count(),
        "staff_preview": DEPARTMENT_STAFF_PREVIEW,
    }
    return render(request, "org/department_detail.html", context)


@login_required
@permission_required("org.add_department", raise_exception=True)
def department_create(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(
        posted(request), user=request.user, initial=prefill(request, "parent", "kind")
    )
    return form_page(
        request,
        form,
        save=lambda: services.create_department(actor=actor(request), data=form.cleaned_data),
        saved=gettext_lazy("Department “%(name)s” created."),
        next_url=_department_url,
        title=gettext_lazy("New department"),
        cancel_url=reverse("org:home"),
    )


@login_required
@permission_required("org.change_department", raise_exception=True)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department.objects.visible_to(request.user), pk=pk)
    form = DepartmentForm(posted(request), user=request.user, instance=department)
    return form_page(
        request,
        form,
        save=lambda: services.update_department(
            actor=actor(request), department=department, data=form.cleaned_data
        ),
        saved=gettext_lazy("Department “%(name)s” saved."),
        next_url=_department_url,
        title=gettext_lazy("Edit department"),
        cancel_url=_department_url(department),
        subject=department,
    )


@login_required
@permission_required("org.add_team", raise_exception=True)
def team_create(request: HttpRequest) -> HttpResponse:
    form = TeamForm(posted(request), user=request.user, initial=prefill(request, "department"))
    return form_page(
        request,
        form,
        save=lambda: services.create_team(actor=actor(request), data=form.cleaned_data),
        saved=gettext_lazy("Team “%(name)s” created."),
        next_url=_team_url,
        title=gettext_lazy("New team"),
        cancel_url=reverse("org:home"),
    )


@login_required
@permission_required("org.change_team", raise_exception=True)
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=pk)
    form = TeamForm(posted(request), user=request.user, instance=team)
    return form_page(
        request,
        form,
        save=lambda: services.update_team(actor=actor(request), team=team, data=form.cleaned_data),
        saved=gettext_lazy("Team “%(name)s” saved."),
        next_url=_team_url,
        title=gettext_lazy("Edit team"),
        cancel_url=_team_url(team),
        subject=team,
    )


def _department_url(department: Department) -> str:
    return reverse("org:department", args=[department.pk])


def _team_url(team: Team) -> str:
    """A team is shown on its department's page."""
    return reverse("org:department", args=[team.department_id])
