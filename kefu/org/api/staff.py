"""Staff endpoints (员工接口): /staff; a staff member's login is given by username and the
phone always comes back masked."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.org import services
from kefu.org.api.common import (
    DEPARTMENT,
    POSITION,
    TEAM,
    actor,
    api_field_names,
    page,
    refuse,
    service_data,
    where_given,
)
from kefu.org.api.schemas import StaffFilters, StaffIn, StaffOut, StaffPage, StaffPatch
from kefu.org.models import Staff
from kefu.org.querysets import StaffQuerySet

router = Router()


@router.get(
    "/staff", response={200: StaffPage, **COMMON_ERRORS}, operation_id="kefu_org_api_list_staff"
)
def list_staff(request: HttpRequest, filters: Query[StaffFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_staff")
    rows = where_given(_rows(request), filters, "department_id", "team_id", "position_id", "status")
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(employee_number__icontains=filters.q))
    return page(rows, filters)


@router.get(
    "/staff/{staff_id}",
    response={200: StaffOut, **DETAIL_ERRORS},
    operation_id="kefu_org_api_get_staff",
)
def get_staff(request: HttpRequest, staff_id: int) -> Staff:
    require_perm(request, "org.view_staff")
    return get_object_or_404(_rows(request), pk=staff_id)


@router.post(
    "/staff", response={201: StaffOut, **WRITE_ERRORS}, operation_id="kefu_org_api_create_staff"
)
def create_staff(request: HttpRequest, payload: StaffIn) -> Status[Staff]:
    require_perm(request, "org.add_staff")
    data = _with_login(service_data(request, payload, DEPARTMENT, TEAM, POSITION))
    with api_field_names():
        return Status(201, services.create_staff(actor=actor(request), data=data))


@router.patch(
    "/staff/{staff_id}",
    response={200: StaffOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_update_staff",
)
def update_staff(request: HttpRequest, staff_id: int, payload: StaffPatch) -> Staff:
    require_perm(request, "org.change_staff")
    staff = get_object_or_404(_rows(request), pk=staff_id)
    data = _with_login(service_data(request, payload, DEPARTMENT, TEAM, POSITION, partial=True))
    with api_field_names():
        return services.update_staff(actor=actor(request), staff=staff, data=data)


def _rows(request: HttpRequest) -> StaffQuerySet:
    return Staff.objects.visible_to(request.user).select_related("user")


def _with_login(data: dict[str, Any]) -> dict[str, Any]:
    """Replace ``username`` by the login ``user`` it names (None unlinks)."""
    if "username" in data:
        username = data.pop("username")
        login = None
        if username:
            login = User.objects.filter(username=username).first()
            if login is None:
                raise refuse("username", _("No such login."))
        data["user"] = login
    return data
