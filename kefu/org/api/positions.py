"""Position endpoints (岗位接口): /positions with their job descriptions and active staff."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.org import services
from kefu.org.api.common import (
    DEPARTMENT,
    SUPERIOR,
    actor,
    api_field_names,
    page,
    service_data,
    where_given,
)
from kefu.org.api.schemas import (
    PositionFilters,
    PositionIn,
    PositionOut,
    PositionPage,
    PositionPatch,
)
from kefu.org.models import Position
from kefu.org.querysets import PositionQuerySet

router = Router()


@router.get(
    "/positions",
    response={200: PositionPage, **COMMON_ERRORS},
    operation_id="kefu_org_api_list_positions",
)
def list_positions(request: HttpRequest, filters: Query[PositionFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_position")
    return page(where_given(_rows(request), filters, "department_id"), filters)


@router.get(
    "/positions/{position_id}",
    response={200: PositionOut, **DETAIL_ERRORS},
    operation_id="kefu_org_api_get_position",
)
def get_position(request: HttpRequest, position_id: int) -> Position:
    require_perm(request, "org.view_position")
    return get_object_or_404(_rows(request), pk=position_id)


@router.post(
    "/positions",
    response={201: PositionOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_create_position",
)
def create_position(request: HttpRequest, payload: PositionIn) -> Status[Position]:
    require_perm(request, "org.add_position")
    data = service_data(request, payload, DEPARTMENT, SUPERIOR)
    with api_field_names():
        position = services.create_position(actor=actor(request), data=data)
    return Status(201, get_object_or_404(_rows(request), pk=position.pk))


@router.patch(
    "/positions/{position_id}",
    response={200: PositionOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_update_position",
)
def update_position(request: HttpRequest, position_id: int, payload: PositionPatch) -> Position:
    require_perm(request, "org.change_position")
    position = get_object_or_404(_rows(request), pk=position_id)
    data = service_data(request, payload, DEPARTMENT, SUPERIOR, partial=True)
    with api_field_names():
        services.update_position(actor=actor(request), position=position, data=data)
    return get_object_or_404(_rows(request), pk=position_id)


def _rows(request: HttpRequest) -> PositionQuerySet:
    """With the count of active staff that ``PositionOut.active_staff`` shows."""
    return Position.objects.visible_to(request.user).with_staff_count()
