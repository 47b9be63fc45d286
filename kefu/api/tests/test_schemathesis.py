"""Schemathesis over /api/v1/ (接口模糊测试): every operation, as an admin and as an agent.

Each operation gets generated requests (schema-conforming and schema-violating) sent in-process
to the Django WSGI app on the test database, over a small world (customers, work orders, a
knowledge article, the cast's organisation). Operations addressed by a path parameter are called
twice per case: with the generated identifier (mostly 404) and with the identifier of a real row.
Checks: no 5xx, every status documented, responses match their schema and content type.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kefu.api.router import api
from kefu.conftest import Cast
from kefu.customers.services import create_customer
from kefu.kb.services import ArticleText, create_article, publish_article
from kefu.tickets.services import create_ticket
from kefu.tickets.services.records_comments import add_comment

logger = logging.getLogger(__name__)

# Bounds: examples per operation and generation mode (positive, negative).
MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class Stats:
    cases: int = 0
    calls: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    by_mode: Counter[str] = field(default_factory=Counter)
    nothing_to_break: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)

    def call(self, case: Any, headers: dict[str, str]) -> None:
        self.calls += 1
        self.by_mode[f"{case.meta.generation.mode.value}"] += 1
        try:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # every failure is collected, reported
            names = [type(e).__name__ for e in getattr(exc, "exceptions", [exc])]
            key = f"{case.operation.label}: {', '.join(sorted(names))}"
            self.failures.setdefault(key, f"{exc}\n{case.as_curl_command()}"[:2500])
            status = getattr(getattr(exc, "response", None), "status_code", 0)
            self.statuses[status] += 1
            return
        self.statuses[response.status_code] += 1
        self.by_mode[f"{case.meta.generation.mode.value} {response.status_code}"] += 1


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The Django WSGI app, kept inside the test's transaction (as Django's test client does)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def build_world(cast: Cast) -> dict[str, list[str]]:
    """A small world of rows; the values real path parameters are drawn from, by name."""
    wang = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
    li = create_customer(actor=cast.agent, data={"name": "李娜", "phone": "13900139000"})
    tickets = [
        create_ticket(
            actor=cast.agent,
            type_code=code,
            customer=who,
            channel="phone",
            title=title,
            description="楼上渗水到我家厨房。",
        )
        for code, who, title in (
            ("complaint", wang, "空调不制冷"),
            ("consultation", li, "厨房漏水怎么办"),
            ("complaint", li, "物业费账单有误"),
        )
    ]
    add_comment(actor=cast.agent, ticket=tickets[0], body="已联系客户。", is_internal=False)
    article = publish_article(
        actor=cast.manager,
        article=create_article(
            actor=cast.supervisor,
            text=ArticleText(title="厨房漏水处理", body="先关总阀。", visibility="public", tags=()),
        ),
    )
    return {
        "customer_id": [str(wang.pk), str(li.pk)],
        "number": [t.number for t in tickets],
        "article_id": [str(article.pk)],
        "department_id": [str(cast.service.pk), str(cast.property_company.pk)],
        "team_id": [str(cast.call_center.pk)],
        "staff_id": [str(cast.agent.staff.pk), str(cast.partner.staff.pk)],
    }


def load_schema(app: WSGIHandler) -> Any:
    """The API's OpenAPI schema without its security scheme: every request carries the role's
    token, so negative cases mutate bodies, queries and paths rather than drop the token
    (answers without a token are the shell tests' concern)."""
    raw = api.get_openapi_schema()
    raw.get("components", {}).pop("securitySchemes", None)
    for operations in raw["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = app
    return schema


def fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    headers: dict[str, str],
    world: dict[str, list[str]],
    stats: Stats,
) -> None:
    real_names = [p.name for p in operation.path_parameters if p.name in world]

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), pick=st.integers(0, 5))
    def run(case: Any, pick: int) -> None:
        stats.cases += 1
        stats.call(case, headers)
        if real_names:
            for name in real_names:
                values = world[name]
                case.path_parameters[name] = values[pick % len(values)]
            stats.call(case, headers)

    try:
        run()
    except Unsatisfiable:
        # Nothing in the operation can be made invalid (no parameters, no body).
        assert mode is GenerationMode.NEGATIVE, operation.label
        stats.nothing_to_break.append(operation.label)


@pytest.mark.parametrize("role", ["admin", "agent"])
def test_the_whole_api_survives_schemathesis(role: str, cast: Cast, wsgi_app: WSGIHandler) -> None:
    world = build_world(cast)
    headers = {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "zh-hans"}
    schema = load_schema(wsgi_app)
    stats = Stats()
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 50
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(operation, mode, headers, world, stats)
    elapsed = time.monotonic() - started
    logger.info(
        f"schemathesis {role}: {stats.cases} cases, {stats.calls} calls, {elapsed:.0f}s, "
        f"{dict(sorted(stats.statuses.items()))} {dict(sorted(stats.by_mode.items()))}"
    )
    report = "\n\n".join(f"{key}\n{text}" for key, text in sorted(stats.failures.items()))
    assert not stats.failures, report
    assert not any(code >= 500 for code in stats.statuses)
    assert any(200 <= code < 300 for code in stats.statuses)
