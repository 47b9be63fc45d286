"""Shared API pieces (接口公共件) for the domain apps' routers: error schema, capability check."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Schema

# A row id the client sends in a filter: in the database's integer range (a larger one would
# overflow SQLite's INTEGER and answer 500); out of range is a 422, never a query.
MAX_ROW_ID = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorBody


# Responses every authenticated endpoint may give, for the OpenAPI schema.
COMMON_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
DETAIL_ERRORS: dict[int, Any] = {**COMMON_ERRORS, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**DETAIL_ERRORS, 409: ErrorOut}


def require_perm(request: HttpRequest, perm: str) -> None:
    """Raise 403 unless the authenticated user holds the capability ``perm``."""
    if not request.user.has_perm(perm):
        raise PermissionDenied(perm)
