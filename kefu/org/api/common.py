"""Steps the organisation endpoints share (组织接口公共步骤): the caller, keyset pages,
related rows given by id, and refusals named as the client sent the fields."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema

from kefu.accounts.models import User
from kefu.core.errors import ValidationFailed
from kefu.core.paging import keyset_page
from kefu.org.api.schemas import PageParams
from kefu.org.models import Department, Position, Staff, Team

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


@dataclass(frozen=True)
class Ref:
    """A related row the client gives by id (``key``) and the service takes as an instance
    (``name``), found among the rows the caller may see; otherwise ``missing`` is the refusal."""

    key: str
    name: str
    visible: Callable[[Any], QuerySet[Any]]
    missing: Promise


def _departments(user: Any) -> QuerySet[Department]:
    return Department.objects.visible_to(user)


def _teams(user: Any) -> QuerySet[Team]:
    return Team.objects.visible_to(user)


def _positions(user: Any) -> QuerySet[Position]:
    return Position.objects.visible_to(user)


def _staff(user: Any) -> QuerySet[Staff]:
    return Staff.objects.visible_to(user)


NO_DEPARTMENT = gettext_lazy("No such department.")
NO_POSITION = gettext_lazy("No such position.")
DEPARTMENT = Ref("department_id", "department", _departments, NO_DEPARTMENT)
PARENT = Ref("parent_id", "parent", _departments, NO_DEPARTMENT)
TEAM = Ref("team_id", "team", _teams, gettext_lazy("No such team."))
LEADER = Ref("leader_id", "leader", _staff, gettext_lazy("No such staff member."))
POSITION = Ref("position_id", "position", _positions, NO_POSITION)
SUPERIOR = Ref("superior_id", "superior", _positions, NO_POSITION)


def actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the bearer token authenticated a User
    return user


def page(rows: QuerySet[M], params: PageParams) -> dict[str, Any]:
    """One keyset page of ``rows`` in id order: ``{"items": [...], "next_cursor": ...}``."""
    found = keyset_page(rows, cursor=params.cursor, limit=params.limit, order="id")
    return {"items": found.items, "next_cursor": found.next_cursor}


def where_given(rows: QuerySet[M], filters: Schema, *names: str) -> QuerySet[M]:
    """``rows`` narrowed to ``field = value`` for each of the ``names`` the filters give."""
    for name in names:
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{name: value})
    return rows


def service_data(
    request: HttpRequest, payload: Schema, *refs: Ref, partial: bool = False
) -> dict[str, Any]:
    """The payload as the services take it: choices as their stored strings, related ids as
    rows the caller may see. ``partial`` leaves out the fields the client did not send."""
    data = {
        k: v.value if isinstance(v, Enum) else v
        for k, v in payload.model_dump(exclude_unset=partial).items()
    }
    for ref in refs:
        _resolve(request, data, ref)
    return data


def refuse(key: str, message: str) -> ValidationFailed:
    return ValidationFailed(_("Some fields are invalid."), fields={key: [message]})


@contextmanager
def api_field_names() -> Iterator[None]:
    """Name the fields in a refusal as the client sent them (``parent_id``, not ``parent``)."""
    try:
        yield
    except ValidationFailed as exc:
        exc.fields = {API_FIELD_NAMES.get(k, k): v for k, v in exc.fields.items()}
        raise


def _resolve(request: HttpRequest, data: dict[str, Any], ref: Ref) -> None:
    """Replace ``data[ref.key]`` (an id) by the row ``data[ref.name]`` the caller may see."""
    if ref.key not in data:
        return
    pk = data.pop(ref.key)
    if pk is None:
        data[ref.name] = None
        return
    row = ref.visible(request.user).filter(pk=pk).first()
    if row is None:
        raise refuse(ref.key, str(ref.missing))
    data[ref.name] = row
