"""The operations of the API bad-input corpus (恶意输入语料的接口表): a valid body for every
create/update operation of /api/v1/, and the world those bodies refer to.

A new write operation fails ``test_every_write_operation_is_in_the_corpus_table`` until it gets
a row in ``OPERATIONS``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from kefu.accounts.services import create_api_token, create_user
from kefu.api.router import api
from kefu.conftest import PASSWORD, Cast
from kefu.cti.services import allow_call_reports
from kefu.customers.services import create_customer
from kefu.kb.services import ArticleText, create_article, publish_article
from kefu.surveys.demo import ensure_demo_surveys
from kefu.tickets.services import create_ticket


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
    pbx_token: str


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
# Operations only the CTI system account may call.
CTI_ONLY = {"POST /api/v1/cti/calls"}
# Multipart operations, covered by their own test below.
MULTIPART = {"POST /api/v1/tickets/{number}/attachments"}


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
    pbx = create_user(actor=None, username="pbx-corpus", password=PASSWORD)
    allow_call_reports(actor=None, user=pbx)
    token = create_api_token(actor=None, user=pbx, name="pbx").secret
    return World(cast, wang.pk, numbers, article.pk, transition, token)


def headers_for(operation: str, world: World) -> dict[str, str]:
    """The bearer token of the account that may call ``operation``: the CTI system account for
    call events (an administrator may not report calls), the admin for everything else."""
    token = world.pbx_token if operation in CTI_ONLY else world.cast.token("admin")
    return {"Authorization": f"Bearer {token}", "Accept-Language": "zh-hans"}
