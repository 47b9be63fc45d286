"""Team endpoints (班组接口): /teams, the teams inside a department."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.org import services
from kefu.org.api.common import (
    DEPARTMENT,
    LEADER,
    actor,
    api_field_names,
    page,
    service_data,
    where_given,
)
from kefu.org.api.schemas import TeamFilters, TeamIn, TeamOut, TeamPage, TeamPatch
from kefu.org.models import Team
from kefu.org.querysets import TeamQuerySet

router = Router()


@router.get(
    "/teams", response={200: TeamPage, **COMMON_ERRORS}, operation_id="kefu_org_api_list_teams"
)
def list_teams(request: HttpRequest, filters: Query[TeamFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_team")
    return page(where_given(_rows(request), filters, "department_id"), filters)


@router.get(
    "/teams/{team_id}",
    response={200: TeamOut, **DETAIL_ERRORS},
    operation_id="kefu_org_api_get_team",
)
def get_team(request: HttpRequest, team_id: int) -> Team:
    require_perm(request, "org.view_team")
    return get_object_or_404(_rows(request), pk=team_id)


@router.post(
    "/teams", response={201: TeamOut, **WRITE_ERRORS}, operation_id="kefu_org_api_create_team"
)
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Team]:
    require_perm(request, "org.add_team")
    data = service_data(request, payload, DEPARTMENT, LEADER)
    with api_field_names():
        return Status(201, services.create_team(actor=actor(request), data=data))


@router.patch(
    "/teams/{team_id}",
    response={200: TeamOut, **WRITE_ERRORS},
    operation_id="kefu_org_api_update_team",
)
def update_team(request: HttpRequest, team_id: int, payload: TeamPatch) -> Team:
    require_perm(request, "org.change_team")
    team = get_object_or_404(_rows(request), pk=team_id)
    data = service_data(request, payload, DEPARTMENT, LEADER, partial=True)
    with api_field_names():
        return services.update_team(actor=actor(request), team=team, data=data)


def _rows(request: HttpRequest) -> TeamQuerySet:
    return Team.objects.visible_to(request.user)
