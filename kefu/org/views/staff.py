"""Staff pages (员工页面): the staff list with filters and keyset pages, one staff member (phone
masked), and the staff form."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from kefu.core.cursor import BadCursor
from kefu.core.masking import mask_phone
from kefu.core.paging import Page, keyset_page
from kefu.org import services
from kefu.org.choices import StaffStatus
from kefu.org.forms import StaffForm
from kefu.org.models import Department, Staff, Team
from kefu.org.views.common import actor, form_page, int_param, posted, prefill

STAFF_PAGE_SIZE = 50


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
    department_id = int_param(params.get("department"))
    team_id = int_param(params.get("team"))
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
    limit = int_param(params.get("limit")) or STAFF_PAGE_SIZE
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
        posted(request), user=request.user, initial=prefill(request, "department", "team")
    )
    return form_page(
        request,
        form,
        save=lambda: services.create_staff(actor=actor(request), data=form.service_data()),
        saved=gettext_lazy("Staff member “%(name)s” created."),
        next_url=_staff_url,
        title=gettext_lazy("New staff member"),
        cancel_url=reverse("org:staff_list"),
    )


@login_required
@permission_required("org.change_staff", raise_exception=True)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(Staff.objects.visible_to(request.user), pk=pk)
    form = StaffForm(posted(request), user=request.user, instance=staff)
    return form_page(
        request,
        form,
        save=lambda: services.update_staff(
            actor=actor(request), staff=staff, data=form.service_data()
        ),
        saved=gettext_lazy("Staff member “%(name)s” saved."),
        next_url=_staff_url,
        title=gettext_lazy("Edit staff member"),
        cancel_url=_staff_url(staff),
        subject=staff,
    )


def _staff_url(staff: Staff) -> str:
    return reverse("org:staff", args=[staff.pk])
