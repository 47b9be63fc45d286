"""The checks of the bad-input corpus (恶意输入语料的检查): cases built from a valid body and the
corpus, and what a refusal must look like (4xx in Chinese, nothing written). Shared by the API
corpus and the console form corpus (``kefu/web/tests/hostile/forms``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.test import Client

from kefu.api.tests import corpus

CJK = re.compile(r"[\u4e00-\u9fff]")
MASKED = {"phone", "id_number", "caller"}  # shown masked (and normalised): not echoed verbatim
DATE_FIELD = re.compile(r"(_on|_at|birthday|^at)$")


class Rollback(Exception):
    """Raised to undo one case."""


def row_counts() -> dict[str, int]:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
        cursor.execute(sql)
        return dict(cursor.fetchall())


def field_kind(spec: dict[str, Any]) -> set[str]:
    kinds = {spec.get("type", "")} | {part.get("type", "") for part in spec.get("anyOf", [])}
    if "$ref" in spec or "allOf" in spec or any("$ref" in p for p in spec.get("anyOf", [])):
        kinds.add("enum")
    return kinds - {""}


@dataclass
class Case:
    name: str
    body: bytes
    must_refuse: bool
    field: str | None = None
    sent: Any = None


def cases_for(
    body: dict[str, Any], properties: dict[str, Any], *, strict: bool = True
) -> list[Case]:
    found = [Case(f"raw body: {name}", raw, True) for name, raw in corpus.RAW_BODIES.items()]
    unknown = json.dumps({**body, **corpus.UNKNOWN_FIELDS}).encode()
    found.append(Case("unknown fields", unknown, strict))
    for field, spec in properties.items():
        kinds = field_kind(spec)

        def with_value(value: Any, field: str = field) -> bytes:
            return json.dumps({**body, field: value}, ensure_ascii=False).encode()

        for name, value in corpus.REFUSED_VALUES.items():
            if name == "wrong type (list)" and "array" in kinds:
                value = {"not": "a list"}
            if name == "wrong type (object)" and "object" in kinds:
                value = ["not", "an object"]
            found.append(Case(f"{field}: {name}", with_value(value), True, field))
        if "string" in kinds or "enum" in kinds:
            for name, text in corpus.HOSTILE_TEXT.items():
                found.append(Case(f"{field}: {name}", with_value(text), False, field, text))
        if DATE_FIELD.search(field) or spec.get("format") in ("date", "date-time"):
            for name, text in corpus.BAD_DATES.items():
                found.append(Case(f"{field}: {name}", with_value(text), True, field))
            for name, text in corpus.EDGE_DATES.items():
                found.append(Case(f"{field}: {name}", with_value(text), False, field))
    return found


def problems_of(
    response: Any, case: Case, before: dict[str, int], read_before: Any, read: Callable[[], Any]
) -> list[str]:
    status = response.status_code
    if status >= 500:
        return [f"{case.name}: {status}"]
    if 200 <= status < 300:
        if case.must_refuse:
            return [f"{case.name}: accepted ({status})"]
        if case.field and case.field not in MASKED and isinstance(case.sent, str):
            echoed = response.json().get(case.field) if response.content else None
            if isinstance(echoed, str) and echoed != case.sent:
                return [f"{case.name}: stored as {echoed[:40]!r}"]
        return []
    found = []
    try:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "fields"}
    except (ValueError, KeyError, AssertionError, TypeError):
        return [f"{case.name}: {status} without the error body: {response.content[:200]!r}"]
    texts = [error["message"], *(m for ms in error["fields"].values() for m in ms)]
    if not all(CJK.search(text) for text in texts):
        found.append(f"{case.name}: {status} not in Chinese: {texts}")
    if status == 422 and case.must_refuse and case.field and not error["fields"]:
        found.append(f"{case.name}: 422 names no field")
    if row_counts() != before:
        changed = {t: n for t, n in row_counts().items() if before.get(t) != n}
        found.append(f"{case.name}: refused ({status}) but rows changed: {changed}")
    if read() != read_before:
        found.append(f"{case.name}: refused ({status}) but the resource changed")
    return found


def send(client: Client, method: str, path: str, body: bytes, headers: dict[str, str]) -> Any:
    return client.generic(method, path, body, content_type="application/json", headers=headers)


def in_savepoint(action: Callable[[], Any]) -> Any:
    result: list[Any] = []
    try:
        with transaction.atomic():
            result.append(action())
            raise Rollback
    except Rollback:
        pass
    return result[0]
