"""Organisation API schemas (组织接口模式): what the client sends and gets back.

Write inputs refuse unknown fields; a ``…Patch`` is a partial update in which only the fields in
``NULLABLE`` may be null. Related rows are given by id, a staff member's login by username, and
phones always come back masked.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

from kefu.core.api import RowId
from kefu.core.masking import mask_phone
from kefu.core.paging import MAX_PAGE_SIZE
from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.models import Position, Staff

# Free text (descriptions, duties …): bounded, so a megabyte of text is a 422, not a row.
LONG_TEXT_MAX = 10_000
LongText = Annotated[str, Field(max_length=LONG_TEXT_MAX)]


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
    parent_id: RowId | None = None


class TeamFilters(PageParams):
    department_id: RowId | None = None


class PositionFilters(PageParams):
    department_id: RowId | None = None


class StaffFilters(PageParams):
    department_id: RowId | None = None
    team_id: RowId | None = None
    position_id: RowId | None = None
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
    description: LongText = ""
    obligations: LongText = ""
    is_active: bool = True


class DepartmentPatch(PatchInput):
    NULLABLE = frozenset({"parent_id"})

    name: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=50)
    kind: DepartmentKind | None = None
    parent_id: int | None = None
    description: LongText | None = None
    obligations: LongText | None = None
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
    purpose: LongText = ""
    duties: LongText = ""
    qualifications: LongText = ""
    kpis: LongText = ""


class PositionPatch(PatchInput):
    NULLABLE = frozenset({"superior_id"})

    title: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=50)
    department_id: int | None = None
    superior_id: int | None = None
    headcount_quota: int | None = Field(None, ge=0)
    purpose: LongText | None = None
    duties: LongText | None = None
    qualifications: LongText | None = None
    kpis: LongText | None = None


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
