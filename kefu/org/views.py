"""Organisation pages (组织页面): the department tree, departments, positions with their job
descriptions (岗位说明书), staff, and the forms that create and change them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kefu.accounts.models import User
from kefu.core.cursor import BadCursor
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.core.masking import mask_phone
from kefu.core.paging import Page, keyset_page
from kefu.org import services
from kefu.org.choices import StaffStatus
from kefu.org.forms import DepartmentForm, PositionForm, StaffForm, TeamForm
from kefu.org.models import Department, Position, Staff, Team

T = TypeVar("T")

STAFF_PAGE_SIZE = 50
DEPARTMENT_STAFF_PREVIEW = 50
ACTIVE = Q(status=StaffStatus.ACTIVE)


# --- the tree --------------------------------------------------------------------------------


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


# --- departments -----------------------------------------------------------------------------


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
        _posted(request), user=request.user, initial=_prefill(request, "parent", "kind")
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        department = _submit(
            form, lambda: services.create_department(actor=_actor(request), data=data)
        )
        if department is not None:
            messages.success(request, _("Department “%(name)s” created.") % {"name": department})
            return redirect("org:department", pk=department.pk)
    return _form_page(request, form, gettext_lazy("New department"), reverse("org:home"))


@login_required
@permission_required("org.change_department", raise_exception=True)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department.objects.visible_to(request.user), pk=pk)
    form = DepartmentForm(_posted(request), user=request.user, instance=department)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        saved = _submit(
            form,
            lambda: services.update_department(
                actor=_actor(request), department=department, data=data
            ),
        )
        if saved is not None:
            messages.success(request, _("Department “%(name)s” saved.") % {"name": saved})
            return redirect("org:department", pk=saved.pk)
    return _form_page(
        request,
        form,
        gettext_lazy("Edit department"),
        reverse("org:department", args=[department.pk]),
        subject=department,
    )


# --- teams -----------------------------------------------------------------------------------


@login_required
@permission_required("org.add_team", raise_exception=True)
def team_create(request: HttpRequest) -> HttpResponse:
    form = TeamForm(_posted(request), user=request.user, initial=_prefill(request, "department"))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        team = _submit(form, lambda: services.create_team(actor=_actor(request), data=data))
        if team is not None:
            messages.success(request, _("Team “%(name)s” created.") % {"name": team})
            return redirect("org:department", pk=team.department_id)
    return _form_page(request, form, gettext_lazy("New team"), reverse("org:home"))


@login_required
@permission_required("org.change_team", raise_exception=True)
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=pk)
    form = TeamForm(_posted(request), user=request.user, instance=team)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        saved = _submit(
            form, lambda: services.update_team(actor=_actor(request), team=team, data=data)
        )
        if saved is not None:
            messages.success(request, _("Team “%(name)s” saved.") % {"name": saved})
            return redirect("org:department", pk=saved.department_id)
    return _form_page(
        request,
        form,
        gettext_lazy("Edit team"),
        reverse("org:department", args=[team.department_id]),
        subject=team,
    )


# --- positions -------------------------------------------------------------------------------


@login_required
@permission_required("org.view_position", raise_exception=True)
def position_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    positions = (
        Position.objects.visible_to(user)
        .select_related("department", "superior")
        .with_staff_count()
        .order_by("department__name", "title", "id")
    )
    department_id = _int(request.GET.get("department"))
    if department_id is not None:
        positions = positions.filter(department_id=department_id)
    return render(
        request,
        "org/position_list.html",
        {
            "positions": positions,
            "departments": Department.objects.visible_to(user).order_by("kind", "name"),
            "department_id": department_id,
        },
    )


@login_required
@permission_required("org.view_position", raise_exception=True)
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    position = get_object_or_404(
        Position.objects.visible_to(user)
        .select_related("department", "superior")
        .with_staff_count(),
        pk=pk,
    )
    active = int(getattr(position, "active_staff", 0))  # from with_staff_count()
    context = {
        "position": position,
        "subordinates": Position.objects.visible_to(user)
        .filter(superior=position)
        .select_related("department"),
        "holders": Staff.objects.visible_to(user)
        .filter(position=position)
        .exclude(status=StaffStatus.LEFT)
        .select_related("team"),
        "over_quota": active > position.headcount_quota,
        "vacancies": max(position.headcount_quota - active, 0),
    }
    return render(request, "org/position_detail.html", context)


@login_required
@permission_required("org.add_position", raise_exception=True)
def position_create(request: HttpRequest) -> HttpResponse:
    form = PositionForm(
        _posted(request), user=request.user, initial=_prefill(request, "department")
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        position = _submit(form, lambda: services.create_position(actor=_actor(request), data=data))
        if position is not None:
            messages.success(request, _("Position “%(name)s” created.") % {"name": position})
            return redirect("org:position", pk=position.pk)
    return _form_page(request, form, gettext_lazy("New position"), reverse("org:positions"))


@login_required
@permission_required("org.change_position", raise_exception=True)
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.visible_to(request.user), pk=pk)
    form = PositionForm(_posted(request), user=request.user, instance=position)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        saved = _submit(
            form,
            lambda: services.update_position(actor=_actor(request), position=position, data=data),
        )
        if saved is not None:
            messages.success(request, _("Position “%(name)s” saved.") % {"name": saved})
            return redirect("org:position", pk=saved.pk)
    return _form_page(
        request,
        form,
        gettext_lazy("Edit position"),
        reverse("org:position", args=[position.pk]),
        subject=position,
    )


# --- staff -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    staff: Staff
    phone: str


@login_required
@permission_required("org.view_staff", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    params = request.GET
    staff = Staff.objects.visible_to(user).select_related("department", "team", "position")
    department_id = _int(params.get("department"))
    team_id = _int(params.get("team"))
    status = params.get("status", "")
    search = params.get("q", "").strip()
    if department_id is not None:
        staff = staff.filter(department_id=department_id)
    if team_id is not None:
        staff = staff.filter(team_id=team_id)
    if status in StaffStatus.values:
        staff = staff.filter(status=status)
    if search:
        staff = staff.filter(Q(name__icontains=search) | Q(employee_number__icontains=search))
    limit = _int(params.get("limit")) or STAFF_PAGE_SIZE
    page: Page[Staff]
    try:
        page = keyset_page(staff, cursor=params.get("cursor"), limit=limit, order="employee_number")
    except BadCursor:
        page = keyset_page(staff, cursor=None, limit=limit, order="employee_number")
    query = params.copy()
    query.pop("cursor", None)
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    first = params.copy()
    first.pop("cursor", None)
    teams = Team.objects.visible_to(user).select_related("department")
    if department_id is not None:
        teams = teams.filter(department_id=department_id)
    context = {
        "rows": [StaffRow(staff=s, phone=mask_phone(s.phone)) for s in page.items],
        "next_url": next_url,
        "first_url": f"?{first.urlencode()}" if params.get("cursor") else None,
        "departments": Department.objects.visible_to(user).order_by("kind", "name"),
        "teams": teams.order_by("department__name", "name"),
        "statuses": StaffStatus.choices,
        "filters": {
            "department": department_id,
            "team": team_id,
            "status": status,
            "q": search,
        },
    }
    return render(request, "org/staff_list.html", context)


@login_required
@permission_required("org.view_staff", raise_exception=True)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(
        Staff.objects.visible_to(request.user).select_related(
            "department", "team", "position", "user"
        ),
        pk=pk,
    )
    return render(
        request,
        "org/staff_detail.html",
        {"staff": staff, "phone": mask_phone(staff.phone)},
    )


@login_required
@permission_required("org.add_staff", raise_exception=True)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffForm(
        _posted(request), user=request.user, initial=_prefill(request, "department", "team")
    )
    if form.is_bound and form.is_valid():
        data = form.service_data()
        staff = _submit(form, lambda: services.create_staff(actor=_actor(request), data=data))
        if staff is not None:
            messages.success(request, _("Staff member “%(name)s” created.") % {"name": staff})
            return redirect("org:staff", pk=staff.pk)
    return _form_page(request, form, gettext_lazy("New staff member"), reverse("org:staff_list"))


@login_required
@permission_required("org.change_staff", raise_exception=True)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(Staff.objects.visible_to(request.user), pk=pk)
    form = StaffForm(_posted(request), user=request.user, instance=staff)
    if form.is_bound and form.is_valid():
        data = form.service_data()
        saved = _submit(
            form, lambda: services.update_staff(actor=_actor(request), staff=staff, data=data)
        )
        if saved is not None:
            messages.success(request, _("Staff member “%(name)s” saved.") % {"name": saved})
            return redirect("org:staff", pk=saved.pk)
    return _form_page(
        request,
        form,
        gettext_lazy("Edit staff member"),
        reverse("org:staff", args=[staff.pk]),
        subject=staff,
    )


# --- helpers ---------------------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _prefill(request: HttpRequest, *names: str) -> dict[str, str]:
    return {name: request.GET[name] for name in names if request.GET.get(name)}


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _submit(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run one service; put its per-field messages back on the form when it refuses."""
    try:
        return call()
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ValidationFailed as exc:
        for name, field_messages in exc.fields.items():
            target = name if name in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
        if not exc.fields:
            form.add_error(None, exc.message)
        return None


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    title: Promise,
    cancel_url: str,
    subject: object | None = None,
) -> HttpResponse:
    return render(
        request,
        "org/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "subject": subject},
    )
