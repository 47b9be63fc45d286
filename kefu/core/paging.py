"""Keyset pages (游标分页): the next page starts after the last row seen, never at an OFFSET."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet

from kefu.core.cursor import BadCursor, decode_cursor, encode_cursor

M = TypeVar("M", bound=Model)

MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_cursor: str | None


def keyset_page(
    queryset: QuerySet[M], *, cursor: str | None, limit: int = 25, order: str = "-id"
) -> Page[M]:
    """Return one page ordered by ``order`` (a field, ``-`` for descending) then by id.

    Raises BadCursor for a token this function did not make.
    """
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    descending = order.startswith("-")
    field = order.lstrip("-")
    sign = "-" if descending else ""
    qs = (
        queryset.order_by(f"{sign}{field}", f"{sign}id")
        if field != "id"
        else queryset.order_by(f"{sign}id")
    )
    if cursor:
        values = decode_cursor(cursor)
        op = "lt" if descending else "gt"
        if field == "id":
            if len(values) != 1:
                raise BadCursor(cursor)
            qs = qs.filter(**{f"id__{op}": values[0]})
        else:
            if len(values) != 2:
                raise BadCursor(cursor)
            value, last_id = values
            if value is None:
                qs = qs.filter(Q(**{f"{field}__isnull": True, f"id__{op}": last_id}))
            else:
                qs = qs.filter(
                    Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": last_id})
                )
    rows = list(qs[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        key: list[Any] = [last.pk] if field == "id" else [getattr(last, field), last.pk]
        next_cursor = encode_cursor(key)
    return Page(items=rows, next_cursor=next_cursor)
