"""Department endpoints (部门接口): /departments, internal departments and partner companies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.org import services
from kefu.org.api.common import PARENT, actor, api_field_names, page, service_data, where_given
from kefu.org.api.schemas import (
    DepartmentFilters,
    DepartmentIn,
    DepartmentOut,
    DepartmentPage,
    DepartmentPatch,
)
from kefu.org.models import Department
from kefu.org.querysets import DepartmentQuerySet

router = Router()


@router.get(
    "/departments",
    response={200: DepartmentPage, **COMMON_ERRORS},
    operation_id="kefu_org_api_list_departments",
)
def list_departments(request: HttpRequest, filters: Query[DepartmentFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_department")
    return page(where_given(_rows(request), filters, "kind", "parent_id"), filters)


@router.get(
    "/departments/{department_id}",
    response={200: DepartmentOut, **DETAIL_ERRORS},
    operation_id="kefu_org_api_get_department",
)
def get_department(request: HttpRequest, department_id: int) -> Department:
    require_perm(request, "org.view_department")
    return get_object_or_404(_rows(request), pk=department_id)


@router.post(
    "/departments",
    response={201: DepartmentOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_create_department",
)
def create_department(request: HttpRequest, payload: DepartmentIn) -> Status[Department]:
    require_perm(request, "org.add_department")
    data = service_data(request, payload, PARENT)
    with api_field_names():
        return Status(201, services.create_department(actor=actor(request), data=data))


@router.patch(
    "/departments/{department_id}",
    response={200: DepartmentOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_update_department",
)
def update_department(
    request: HttpRequest, department_id: int, payload: DepartmentPatch
) -> Department:
    require_perm(request, "org.change_department")
    department = get_object_or_404(_rows(request), pk=department_id)
    data = service_data(request, payload, PARENT, partial=True)
    with api_field_names():
        return services.update_department(actor=actor(request), department=department, data=data)


def _rows(request: HttpRequest) -> DepartmentQuerySet:
    return Department.objects.visible_to(request.user)
