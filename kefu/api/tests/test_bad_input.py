"""The bad-input corpus (恶意输入语料) against every create/update operation of /api/v1/.

Each operation has a valid body (checked to be accepted). From it every case changes one thing:
the whole body (not JSON, invalid UTF-8, empty …), one field (1 MiB of text, a wrong type, a
date out of range), or adds unknown fields. Refusals must be a 4xx ``{"error": …}`` in the
caller's language (zh-Hans here) with nothing written: no table gains or loses a row and the
updated resource reads the same. Hostile but valid text (SQL, template syntax, RTL, emoji) is
either refused the same way or stored verbatim. Every case runs in a rolled-back savepoint.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from kefu.api.router import api
from kefu.api.tests import corpus
from kefu.conftest import Cast
from kefu.customers.services import create_customer
from kefu.kb.services import ArticleText, create_article, publish_article
from kefu.surveys.demo import ensure_demo_surveys
from kefu.tickets.services import create_ticket

CJK = re.compile(r"[\u4e00-\u9fff]")


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class World:
    cast: Cast
    customer_id: int
    numbers: list[str]
    article_id: int
    transition: dict[str, Any]


class Rollback(Exception):
    """Raised to undo one case."""


# operation → (path, valid body); ``None`` path parts are filled from the world.
Body = Callable[[World], tuple[str, dict[str, Any]]]
OPERATIONS: dict[str, Body] = {
    "POST /api/v1/customers": lambda w: (
        "/api/v1/customers",
        {"name": "张伟", "phone": "13700137000", "birthday": "1990-05-01", "notes": "老客户"},
    ),
    "PATCH /api/v1/customers/{customer_id}": lambda w: (
        f"/api/v1/customers/{w.customer_id}",
        {"name": "王芳芳", "member_joined_on": "2024-01-01", "notes": "改了名字"},
    ),
    "POST /api/v1/customers/{customer_id}/reveal": lambda w: (
        f"/api/v1/customers/{w.customer_id}/reveal",
        {"reason": "核实身份"},
    ),
    "POST /api/v1/tickets": lambda w: (
        "/api/v1/tickets",
        {
            "type": "complaint",
            "channel": "phone",
            "title": "空调不制冷",
            "description": "三天了",
            "customer_id": w.customer_id,
        },
    ),
    "POST /api/v1/tickets/{number}/transitions": lambda w: (
        f"/api/v1/tickets/{w.numbers[0]}/transitions",
        w.transition,
    ),
    "POST /api/v1/tickets/{number}/callbacks": lambda w: (
        f"/api/v1/tickets/{w.numbers[0]}/callbacks",
        {"outcome": "reached", "satisfaction": "satisfied", "notes": "满意"},
    ),
    "POST /api/v1/tickets/{number}/comments": lambda w: (
        f"/api/v1/tickets/{w.numbers[0]}/comments",
        {"body": "已回电客户", "is_internal": False},
    ),
    "POST /api/v1/tickets/{number}/links": lambda w: (
        f"/api/v1/tickets/{w.numbers[0]}/links",
        {"number": w.numbers[1], "kind": "related"},
    ),
    "POST /api/v1/tickets/{number}/merge": lambda w: (
        f"/api/v1/tickets/{w.numbers[2]}/merge",
        {"into": w.numbers[1], "across_customers": False},
    ),
    "PUT /api/v1/tickets/{number}/tags": lambda w: (
        f"/api/v1/tickets/{w.numbers[0]}/tags",
        {"tags": ["漏水", "加急"]},
    ),
    "POST /api/v1/kb/answers": lambda w: (
        "/api/v1/kb/answers",
        {"ticket": w.numbers[0], "article": w.article_id},
    ),
    "POST /api/v1/cti/calls": lambda w: (
        "/api/v1/cti/calls",
        {
            "call_id": "call-001",
            "event": "ringing",
            "caller": "13800138000",
            "at": "2026-11-23T09:00:00+08:00",
        },
    ),
    "POST /api/v1/callbacks/{task_id}/complete": lambda w: (
        "/api/v1/callbacks/999999/complete",  # no task in this world: the body is refused first
        {"outcome": "reached", "notes": "好", "next_callback_on": "2026-12-01", "close": False},
    ),
    "POST /api/v1/surveys/invitations": lambda w: (
        "/api/v1/surveys/invitations",
        {"ticket": w.numbers[0], "channel": "sms"},
    ),
    "POST /api/v1/service-errors": lambda w: (
        "/api/v1/service-errors",
        {
            "occurred_on": "2026-11-20",
            "ticket": w.numbers[0],
            "error_type": "attitude",
            "severity": "minor",
            "description": "语气生硬",
        },
    ),
    "POST /api/v1/departments": lambda w: (
        "/api/v1/departments",
        {"name": "市场部", "code": "market", "description": "负责推广"},
    ),
    "PATCH /api/v1/departments/{department_id}": lambda w: (
        f"/api/v1/departments/{w.cast.engineering.pk}",
        {"name": "工程维修部", "description": "水电"},
    ),
    "POST /api/v1/teams": lambda w: (
        "/api/v1/teams",
        {"department_id": w.cast.service.pk, "name": "夜班组", "code": "night"},
    ),
    "PATCH /api/v1/teams/{team_id}": lambda w: (
        f"/api/v1/teams/{w.cast.call_center.pk}",
        {"name": "呼叫中心一组"},
    ),
    "POST /api/v1/positions": lambda w: (
        "/api/v1/positions",
        {"title": "坐席", "code": "seat", "department_id": w.cast.service.pk, "duties": "接听"},
    ),
    "PATCH /api/v1/positions/{position_id}": lambda w: (
        f"/api/v1/positions/{position_of(w)}",
        {"title": "高级坐席", "duties": "疑难电话"},
    ),
    "POST /api/v1/staff": lambda w: (
        "/api/v1/staff",
        {
            "employee_number": "T900",
            "name": "赵六",
            "department_id": w.cast.service.pk,
            "joined_on": "2025-03-01",
        },
    ),
    "PATCH /api/v1/staff/{staff_id}": lambda w: (
        f"/api/v1/staff/{w.cast.agent.staff.pk}",
        {"name": "坐席甲", "joined_on": "2024-06-01"},
    ),
}

# Operations whose valid body is refused in this world for a reason other than the body.
BASE_NOT_ACCEPTED = {
    "POST /api/v1/callbacks/{task_id}/complete",  # no callback task
    "POST /api/v1/tickets/{number}/callbacks",  # the work order is not waiting for a callback
}
# Operations that ignore unknown fields on purpose: telephone exchanges (PBX) post vendor
# extras with their call events, and a refused event would lose the call record.
UNKNOWN_FIELDS_IGNORED = {"POST /api/v1/cti/calls"}
# Multipart operations, covered by their own test below.
MULTIPART = {"POST /api/v1/tickets/{number}/attachments"}
MASKED = {"phone", "id_number", "caller"}  # shown masked (and normalised): not echoed verbatim
DATE_FIELD = re.compile(r"(_on|_at|birthday|^at)$")


def position_of(world: World) -> int:
    from kefu.org.models import Position

    position, _ = Position.objects.get_or_create(
        code="agent-seat", defaults={"title": "坐席", "department": world.cast.service}
    )
    return position.pk


def write_operations() -> dict[str, dict[str, Any]]:
    """Every operation with a request body, by ``METHOD path``, with its body's JSON schema."""
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    found = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody")
            if body is None:
                continue
            content_type, media = next(iter(body["content"].items()))
            ref = media["schema"].get("$ref", "")
            properties = components[ref.rsplit("/", 1)[-1]] if ref else media["schema"]
            found[f"{method.upper()} {path}"] = {"content_type": content_type, **properties}
    return found


def build_world(cast: Cast, client: Client, headers: dict[str, str]) -> World:
    ensure_demo_surveys(cast.manager)
    wang = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
    numbers = [
        create_ticket(
            actor=cast.agent,
            type_code="complaint",
            customer=wang,
            channel="phone",
            title=title,
        ).number
        for title in ("空调不制冷", "电梯故障", "物业费账单有误")
    ]
    article = publish_article(
        actor=cast.manager,
        article=create_article(
            actor=cast.supervisor,
            text=ArticleText(title="厨房漏水处理", body="先关总阀。", visibility="public", tags=()),
        ),
    )
    offered = client.get(f"/api/v1/tickets/{numbers[0]}/transitions", headers=headers).json()
    step = offered[0]
    fields = dict.fromkeys(step.get("required_fields", []), "已处理")
    transition = {"transition": step["code"], "fields": fields}
    return World(cast, wang.pk, numbers, article.pk, transition)


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


def test_every_write_operation_is_in_the_corpus_table(db: None) -> None:
    """A new create/update operation fails here until it is given a valid body above."""
    assert set(write_operations()) - MULTIPART == set(OPERATIONS)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_bad_input_is_refused_in_chinese_and_writes_nothing(
    operation: str, cast: Cast, client: Client
) -> None:
    headers = {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"}
    world = build_world(cast, client, headers)
    method, _ = operation.split(" ", 1)
    path, body = OPERATIONS[operation](world)
    spec = write_operations()[operation]

    def read() -> Any:
        if method == "POST":
            return None
        return client.get(path, headers=headers).content

    base = _in_savepoint(lambda: send(client, method, path, json.dumps(body).encode(), headers))
    if operation not in BASE_NOT_ACCEPTED:
        assert 200 <= base.status_code < 300, (base.status_code, base.content[:500])
    problems: list[str] = []
    cases = cases_for(
        body, spec.get("properties", {}), strict=operation not in UNKNOWN_FIELDS_IGNORED
    )
    for case in cases:

        def run(case: Case = case) -> list[str]:
            before, read_before = row_counts(), read()
            response = send(client, method, path, case.body, headers)
            return problems_of(response, case, before, read_before, read)

        problems += _in_savepoint(run)
    assert not problems, "\n".join(problems)
    assert len(cases) >= 10


def _in_savepoint(action: Callable[[], Any]) -> Any:
    result: list[Any] = []
    try:
        with transaction.atomic():
            result.append(action())
            raise Rollback
    except Rollback:
        pass
    return result[0]


def test_bad_uploads_are_refused_in_chinese_and_store_nothing(cast: Cast, client: Client) -> None:
    headers = {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"}
    world = build_world(cast, client, headers)
    url = f"/api/v1/tickets/{world.numbers[0]}/attachments"
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(name: str, content: bytes, **extra: Any) -> Any:
        data = {"file": SimpleUploadedFile(name, content), **extra}
        return client.post(url, data, headers=headers)

    accepted = _in_savepoint(lambda: upload("photo.png", png()))
    assert accepted.status_code == 201, accepted.content
    bad: dict[str, tuple[str, bytes, dict[str, str]]] = {
        "empty file": ("a.png", b"", {}),
        "1 MiB text": ("a.txt", corpus.MEGABYTE_TEXT.encode(), {}),
        "invalid utf-8": ("a.png", b"\xff\xfe\xfa\x00", {}),
        "html": ("a.png", b"<html><script>alert(1)</script></html>", {}),
        "is_internal not a boolean": ("a.png", png(), {"is_internal": "{{7*7}}"}),
    }
    for name, (filename, content, extra) in bad.items():
        before = row_counts()

        def attempt(
            filename: str = filename, content: bytes = content, extra: dict[str, str] = extra
        ) -> Any:
            return upload(filename, content, **extra)

        response = _in_savepoint(attempt)
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert CJK.search(response.json()["error"]["message"]), name
        assert row_counts() == before, name
    missing = client.post(url, {}, headers=headers)
    assert missing.status_code == 422
    assert "file" in missing.json()["error"]["fields"]
