"""Organisation API (组织接口): departments, teams, positions and staff at /api/v1/.

Lists are keyset pages ``{"items": [...], "next_cursor": ...}``; reads need ``org.view_*``,
writes ``org.add_*`` / ``org.change_*`` and go through ``kefu.org.services``. Rows outside the
caller's scope answer 404. Related rows are given by id (``parent_id``, ``department_id`` …);
a staff member's login by username. Phones are always masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from typing import Any, ClassVar, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, ValidationInfo, field_validator

from kefu.accounts.models import User
from kefu.core.api import COMMON_ERRORS, DETAIL_ERRORS, WRITE_ERRORS, require_perm
from kefu.core.errors import ValidationFailed
from kefu.core.masking import mask_phone
from kefu.core.paging import MAX_PAGE_SIZE, keyset_page
from kefu.org import services
from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.models import Department, Position, Staff, Team

router = Router()

M = TypeVar("M", bound=Model)

# Service field → API field, so that error messages name what the client sent.
API_FIELD_NAMES = {
    "parent": "parent_id",
    "department": "department_id",
    "leader": "leader_id",
    "superior": "superior_id",
    "team": "team_id",
    "position": "position_id",
    "user": "username",
}


# --- schemas ---------------------------------------------------------------------------------


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class PatchInput(Input):
    """A partial update: absent fields stay as they are; only ``NULLABLE`` ones may be null."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.NULLABLE:
            raise ValueError(_("This field cannot be null."))
        return value


class PageParams(Schema):
    cursor: str | None = Field(None, description="next_cursor of the previous page")
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class DepartmentFilters(PageParams):
    kind: DepartmentKind | None = None
    parent_id: int | None = None


class TeamFilters(PageParams):
    department_id: int | None = None


class PositionFilters(PageParams):
    department_id: int | None = None


class StaffFilters(PageParams):
    department_id: int | None = None
    team_id: int | None = None
    position_id: int | None = None
    status: StaffStatus | None = None
    q: str | None = Field(None, description="part of the name or employee number")


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    kind: DepartmentKind
    parent_id: int | None
    description: str
    obligations: str
    is_active: bool


class DepartmentIn(Input):
    name: str = Field(min_length=1, max_length=100)
    code: str = Field(min_length=1, max_length=50)
    kind: DepartmentKind = DepartmentKind.INTERNAL
    parent_id: int | None = None
    description: str = ""
    obligations: str = ""
    is_active: bool = True


class DepartmentPatch(PatchInput):
    NULLABLE = frozenset({"parent_id"})

    name: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=50)
    kind: DepartmentKind | None = None
    parent_id: int | None = None
    description: str | None = None
    obligations: str | None = None
    is_active: bool | None = None


class DepartmentPage(Schema):
    items: list[DepartmentOut]
    next_cursor: str | None


class TeamOut(Schema):
    id: int
    department_id: int
    name: str
    code: str
    leader_id: int | None
    is_active: bool


class TeamIn(Input):
    department_id: int
    name: str = Field(min_length=1, max_length=100)
    code: str = Field(min_length=1, max_length=50)
    leader_id: int | None = None
    is_active: bool = True


class TeamPatch(PatchInput):
    NULLABLE = frozenset({"leader_id"})

    department_id: int | None = None
    name: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=50)
    leader_id: int | None = None
    is_active: bool | None = None


class TeamPage(Schema):
    items: list[TeamOut]
    next_cursor: str | None


class PositionOut(Schema):
    id: int
    title: str
    code: str
    department_id: int
    superior_id: int | None
    headcount_quota: int
    active_staff: int = Field(description="active staff members holding the position")
    purpose: str
    duties: str
    qualifications: str
    kpis: str

    @staticmethod
    def resolve_active_staff(obj: Position) -> int:
        annotated: int | None = getattr(obj, "active_staff", None)
        if annotated is not None:
            return annotated
        return obj.staff.filter(status=StaffStatus.ACTIVE).count()


class PositionIn(Input):
    title: str = Field(min_length=1, max_length=100)
    code: str = Field(min_length=1, max_length=50)
    department_id: int
    superior_id: int | None = None
    headcount_quota: int = Field(1, ge=0)
    purpose: str = ""
    duties: str = ""
    qualifications: str = ""
    kpis: str = ""


class PositionPatch(PatchInput):
    NULLABLE = frozenset({"superior_id"})

    title: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=50)
    department_id: int | None = None
    superior_id: int | None = None
    headcount_quota: int | None = Field(None, ge=0)
    purpose: str | None = None
    duties: str | None = None
    qualifications: str | None = None
    kpis: str | None = None


class PositionPage(Schema):
    items: list[PositionOut]
    next_cursor: str | None


class StaffOut(Schema):
    id: int
    employee_number: str
    name: str
    department_id: int
    team_id: int | None
    position_id: int | None
    username: str | None = Field(description="the linked login, if any")
    phone: str = Field(description="masked, e.g. 138****5678")
    email: str
    skills: list[str]
    status: StaffStatus
    joined_on: date | None

    @staticmethod
    def resolve_username(obj: Staff) -> str | None:
        return obj.user.username if obj.user is not None else None

    @staticmethod
    def resolve_phone(obj: Staff) -> str:
        return mask_phone(obj.phone)


class StaffIn(Input):
    employee_number: str = Field(min_length=1, max_length=30)
    name: str = Field(min_length=1, max_length=100)
    department_id: int
    team_id: int | None = None
    position_id: int | None = None
    username: str | None = None
    phone: str = Field("", max_length=20)
    email: str = ""
    skills: list[str] = []
    status: StaffStatus = StaffStatus.ACTIVE
    joined_on: date | None = None


class StaffPatch(PatchInput):
    NULLABLE = frozenset({"team_id", "position_id", "username", "joined_on"})

    employee_number: str | None = Field(None, min_length=1, max_length=30)
    name: str | None = Field(None, min_length=1, max_length=100)
    department_id: int | None = None
    team_id: int | None = None
    position_id: int | None = None
    username: str | None = None
    phone: str | None = Field(None, max_length=20, description='"" removes the number')
    email: str | None = None
    skills: list[str] | None = None
    status: StaffStatus | None = None
    joined_on: date | None = None


class StaffPage(Schema):
    items: list[StaffOut]
    next_cursor: str | None


# --- departments -----------------------------------------------------------------------------


@router.get("/departments", response={200: DepartmentPage, **COMMON_ERRORS})
def list_departments(request: HttpRequest, filters: Query[DepartmentFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_department")
    rows = Department.objects.visible_to(request.user)
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    if filters.parent_id is not None:
        rows = rows.filter(parent_id=filters.parent_id)
    return _page(rows, filters)


@router.get("/departments/{department_id}", response={200: DepartmentOut, **DETAIL_ERRORS})
def get_department(request: HttpRequest, department_id: int) -> Department:
    require_perm(request, "org.view_department")
    return get_object_or_404(Department.objects.visible_to(request.user), pk=department_id)


@router.post("/departments", response={201: DepartmentOut, **WRITE_ERRORS})
def create_department(request: HttpRequest, payload: DepartmentIn) -> Status[Department]:
    require_perm(request, "org.add_department")
    data = _department_data(request, _plain(payload.model_dump()))
    with _api_field_names():
        return Status(201, services.create_department(actor=_actor(request), data=data))


@router.patch("/departments/{department_id}", response={200: DepartmentOut, **WRITE_ERRORS})
def update_department(
    request: HttpRequest, department_id: int, payload: DepartmentPatch
) -> Department:
    require_perm(request, "org.change_department")
    department = get_object_or_404(Department.objects.visible_to(request.user), pk=department_id)
    data = _department_data(request, _plain(payload.model_dump(exclude_unset=True)))
    with _api_field_names():
        return services.update_department(actor=_actor(request), department=department, data=data)


def _department_data(request: HttpRequest, raw: dict[str, Any]) -> dict[str, Any]:
    visible = Department.objects.visible_to(request.user)
    _related(raw, "parent_id", "parent", visible, _("No such department."))
    return raw


# --- teams -----------------------------------------------------------------------------------


@router.get("/teams", response={200: TeamPage, **COMMON_ERRORS})
def list_teams(request: HttpRequest, filters: Query[TeamFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_team")
    rows = Team.objects.visible_to(request.user)
    if filters.department_id is not None:
        rows = rows.filter(department_id=filters.department_id)
    return _page(rows, filters)


@router.get("/teams/{team_id}", response={200: TeamOut, **DETAIL_ERRORS})
def get_team(request: HttpRequest, team_id: int) -> Team:
    require_perm(request, "org.view_team")
    return get_object_or_404(Team.objects.visible_to(request.user), pk=team_id)


@router.post("/teams", response={201: TeamOut, **WRITE_ERRORS})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Team]:
    require_perm(request, "org.add_team")
    data = _team_data(request, _plain(payload.model_dump()))
    with _api_field_names():
        return Status(201, services.create_team(actor=_actor(request), data=data))


@router.patch("/teams/{team_id}", response={200: TeamOut, **WRITE_ERRORS})
def update_team(request: HttpRequest, team_id: int, payload: TeamPatch) -> Team:
    require_perm(request, "org.change_team")
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=team_id)
    data = _team_data(request, _plain(payload.model_dump(exclude_unset=True)))
    with _api_field_names():
        return services.update_team(actor=_actor(request), team=team, data=data)


def _team_data(request: HttpRequest, raw: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    _related(
        raw,
        "department_id",
        "department",
        Department.objects.visible_to(user),
        _("No such department."),
    )
    _related(raw, "leader_id", "leader", Staff.objects.visible_to(user), _("No such staff member."))
    return raw


# --- positions -------------------------------------------------------------------------------


@router.get("/positions", response={200: PositionPage, **COMMON_ERRORS})
def list_positions(request: HttpRequest, filters: Query[PositionFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_position")
    rows = Position.objects.visible_to(request.user).with_staff_count()
    if filters.department_id is not None:
        rows = rows.filter(department_id=filters.department_id)
    return _page(rows, filters)


@router.get("/positions/{position_id}", response={200: PositionOut, **DETAIL_ERRORS})
def get_position(request: HttpRequest, position_id: int) -> Position:
    require_perm(request, "org.view_position")
    return _position(request, position_id)


@router.post("/positions", response={201: PositionOut, **WRITE_ERRORS})
def create_position(request: HttpRequest, payload: PositionIn) -> Status[Position]:
    require_perm(request, "org.add_position")
    data = _position_data(request, _plain(payload.model_dump()))
    with _api_field_names():
        position = services.create_position(actor=_actor(request), data=data)
    return Status(201, _position(request, position.pk))


@router.patch("/positions/{position_id}", response={200: PositionOut, **WRITE_ERRORS})
def update_position(request: HttpRequest, position_id: int, payload: PositionPatch) -> Position:
    require_perm(request, "org.change_position")
    position = _position(request, position_id)
    data = _position_data(request, _plain(payload.model_dump(exclude_unset=True)))
    with _api_field_names():
        services.update_position(actor=_actor(request), position=position, data=data)
    return _position(request, position_id)


def _position(request: HttpRequest, position_id: int) -> Position:
    return get_object_or_404(
        Position.objects.visible_to(request.user).with_staff_count(), pk=position_id
    )


def _position_data(request: HttpRequest, raw: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    _related(
        raw,
        "department_id",
        "department",
        Department.objects.visible_to(user),
        _("No such department."),
    )
    _related(
        raw, "superior_id", "superior", Position.objects.visible_to(user), _("No such position.")
    )
    return raw


# --- staff -----------------------------------------------------------------------------------


@router.get("/staff", response={200: StaffPage, **COMMON_ERRORS})
def list_staff(request: HttpRequest, filters: Query[StaffFilters]) -> dict[str, Any]:
    require_perm(request, "org.view_staff")
    rows = Staff.objects.visible_to(request.user).select_related("user")
    if filters.department_id is not None:
        rows = rows.filter(department_id=filters.department_id)
    if filters.team_id is not None:
        rows = rows.filter(team_id=filters.team_id)
    if filters.position_id is not None:
        rows = rows.filter(position_id=filters.position_id)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(employee_number__icontains=filters.q))
    return _page(rows, filters)


@router.get("/staff/{staff_id}", response={200: StaffOut, **DETAIL_ERRORS})
def get_staff(request: HttpRequest, staff_id: int) -> Staff:
    require_perm(request, "org.view_staff")
    return _staff(request, staff_id)


@router.post("/staff", response={201: StaffOut, **WRITE_ERRORS})
def create_staff(request: HttpRequest, payload: StaffIn) -> Status[Staff]:
    require_perm(request, "org.add_staff")
    data = _staff_data(request, _plain(payload.model_dump()))
    with _api_field_names():
        return Status(201, services.create_staff(actor=_actor(request), data=data))


@router.patch("/staff/{staff_id}", response={200: StaffOut, **WRITE_ERRORS})
def update_staff(request: HttpRequest, staff_id: int, payload: StaffPatch) -> Staff:
    require_perm(request, "org.change_staff")
    staff = _staff(request, staff_id)
    data = _staff_data(request, _plain(payload.model_dump(exclude_unset=True)))
    with _api_field_names():
        return services.update_staff(actor=_actor(request), staff=staff, data=data)


def _staff(request: HttpRequest, staff_id: int) -> Staff:
    return get_object_or_404(
        Staff.objects.visible_to(request.user).select_related("user"), pk=staff_id
    )


def _staff_data(request: HttpRequest, raw: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    _related(
        raw,
        "department_id",
        "department",
        Department.objects.visible_to(user),
        _("No such department."),
    )
    _related(raw, "team_id", "team", Team.objects.visible_to(user), _("No such team."))
    _related(
        raw, "position_id", "position", Position.objects.visible_to(user), _("No such position.")
    )
    if "username" in raw:
        username = raw.pop("username")
        login = None
        if username:
            login = User.objects.filter(username=username).first()
            if login is None:
                raise ValidationFailed(
                    _("Some fields are invalid."), fields={"username": [_("No such login.")]}
                )
        raw["user"] = login
    return raw


# --- helpers ---------------------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the bearer token authenticated a User
    return user


def _plain(raw: dict[str, Any]) -> dict[str, Any]:
    """Choices as their stored strings."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in raw.items()}


def _page(rows: QuerySet[M], params: PageParams) -> dict[str, Any]:
    page = keyset_page(rows, cursor=params.cursor, limit=params.limit, order="id")
    return {"items": page.items, "next_cursor": page.next_cursor}


def _related(
    data: dict[str, Any],
    key: str,
    name: str,
    visible: QuerySet[M],
    missing: str,
) -> None:
    """Replace ``data[key]`` (an id) by the row ``data[name]`` the caller may see."""
    if key not in data:
        return
    pk = data.pop(key)
    if pk is None:
        data[name] = None
        return
    row = visible.filter(pk=pk).first()
    if row is None:
        raise ValidationFailed(_("Some fields are invalid."), fields={key: [missing]})
    data[name] = row


@contextmanager
def _api_field_names() -> Iterator[None]:
    """Name the fields in a refusal as the client sent them (``parent_id``, not ``parent``)."""
    try:
        yield
    except ValidationFailed as exc:
        exc.fields = {API_FIELD_NAMES.get(k, k): v for k, v in exc.fields.items()}
        raise
