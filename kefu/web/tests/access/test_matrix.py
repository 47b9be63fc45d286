"""The generated access matrix (权限矩阵): every console URL and API operation × every role.

Each role's test walks every row and reports all mismatches at once (row, role, expected, got).
A URL or operation without a row fails ``test_every_endpoint_has_an_entry``.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kefu.web.tests.access import matrix, params, probe
from kefu.web.tests.access.world import PDF, ROLES, World

pytestmark = pytest.mark.django_db


def _base(name: str) -> str:
    return name.split("@", 1)[0]


def test_every_endpoint_has_an_entry() -> None:
    urls = probe.console_urls()
    names = {url.name for url in urls}
    rows = {_base(name) for name in matrix.CONSOLE}
    problems = []
    if missing := sorted(names - rows):
        problems.append(f"console URLs without a matrix row: {missing}")
    if stale := sorted(rows - names):
        problems.append(f"matrix rows of no console URL: {stale}")
    unfilled = sorted(u.name for u in urls if "<" in u.route and u.name not in params.CONSOLE)
    if unfilled:
        problems.append(f"parametrised URLs without path parameters in params.CONSOLE: {unfilled}")
    if unknown := sorted(set(matrix.POSTS) - names):
        problems.append(f"POSTS rows of no console URL: {unknown}")
    operations = set(probe.api_operations())
    if missing := sorted(operations - set(matrix.API)):
        problems.append(f"API operations without a matrix row: {missing}")
    if stale := sorted(set(matrix.API) - operations):
        problems.append(f"matrix rows of no API operation: {stale}")
    writes = {op for op in operations if not op.startswith("GET ")}
    if unbodied := sorted(writes - set(params.API_BODIES)):
        problems.append(f"API writes without a body in params.API_BODIES: {unbodied}")
    for name, row in {**matrix.CONSOLE, **matrix.API}.items():
        if set(row) != set(ROLES):
            problems.append(f"{name}: roles {sorted(set(ROLES) ^ set(row))} are not covered")
    assert not problems, "\n".join(problems)


def _expected(name: str, role: str, row: dict[str, str]) -> str:
    gap = matrix.KNOWN_GAPS.get((name, role))
    return gap[0] if gap else row[role]


def _console_client(world: World, role: str) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _console_url(world: World, name: str) -> str:
    kwargs = params.CONSOLE.get(name) or params.VARIANTS.get(name)
    url = reverse(_base(name), kwargs=kwargs(world) if kwargs else None)
    query = params.CONSOLE_QUERY.get(name)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("role", ROLES)
def test_console_matrix(world: World, role: str) -> None:
    client = _console_client(world, role)
    mismatches = []
    for name, row in matrix.CONSOLE.items():
        url = _console_url(world, name)
        got = probe.console_outcome(client.get(url))
        if got != (want := _expected(name, role, row)):
            mismatches.append(f"GET {url} ({name}) as {role}: expected {want}, got {got}")
    for name, refusals in matrix.POSTS.items():
        if role not in refusals:
            continue
        url = _console_url(world, name)
        got = probe.console_outcome(client.post(url, {}))
        if got != (want := refusals[role]):
            mismatches.append(f"POST {url} ({name}) as {role}: expected {want}, got {got}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def _api_path(world: World, operation: str) -> str:
    path = operation.split(" ", 1)[1]
    override = params.API_OVERRIDES.get(path)
    values = override(world) if override else {}
    for key in re.findall(r"{(\w+)}", path):
        value = values[key] if key in values else params.API_PARAMS[key](world)
        path = path.replace("{" + key + "}", str(value))
    return path


def _api_call(client: Client, world: World, operation: str) -> Any:
    method, _path = operation.split(" ", 1)
    path = _api_path(world, operation)
    if method == "GET":
        query = params.API_QUERY.get(operation)
        return client.get(path, query(world) if query else None)
    body = params.API_BODIES[operation](world)
    if body.get("multipart"):
        upload = io.BytesIO(PDF)
        upload.name = "scan.pdf"
        return client.post(path, {"file": upload})
    call = getattr(client, method.lower())
    return call(path, body, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(world: World, role: str) -> None:
    client = probe.api_client(world.tokens.get(role))
    mismatches = []
    for operation, row in matrix.API.items():
        want = _expected(operation, role, row)
        if want == matrix.WRITE:
            continue  # allowed writes are not executed (see matrix.py)
        response = _api_call(client, world, operation)
        got = probe.api_outcome(response)
        if got != want:
            detail = response.content[:200].decode("utf-8", "replace")
            mismatches.append(f"{operation} as {role}: expected {want}, got {got} {detail}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def test_matrix_size() -> None:
    """The size reported in docs/security.md: rows × roles."""
    rows = len(matrix.CONSOLE) + len(matrix.API)
    assert rows * len(ROLES) >= 200 * 11
