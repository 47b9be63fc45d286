"""The bad-input corpus (恶意输入语料) against every create/update operation of /api/v1/.

Each operation has a valid body (``operations.OPERATIONS``, checked to be accepted). From it
every case changes one thing: the whole body (not JSON, invalid UTF-8, empty …), one field
(1 MiB of text, a wrong type, a date out of range), or adds unknown fields. Refusals must be a
4xx ``{"error": …}`` in the caller's language (zh-Hans here) with nothing written: no table
gains or loses a row and the updated resource reads the same. Hostile but valid text (SQL,
template syntax, RTL, emoji) is either refused the same way or stored verbatim. Every case runs
in a rolled-back savepoint. Uploads: ``test_bad_upload.py``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kefu.api.tests.checks import Case, cases_for, in_savepoint, problems_of, row_counts, send
from kefu.api.tests.operations import (
    BASE_NOT_ACCEPTED,
    MULTIPART,
    OPERATIONS,
    UNKNOWN_FIELDS_IGNORED,
    build_world,
    headers_for,
    write_operations,
)
from kefu.conftest import Cast


def admin_headers(cast: Cast) -> dict[str, str]:
    return {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"}


def test_every_write_operation_is_in_the_corpus_table(db: None) -> None:
    """A new create/update operation fails here until it is given a valid body in
    ``operations.OPERATIONS``."""
    assert set(write_operations()) - MULTIPART == set(OPERATIONS)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_bad_input_is_refused_in_chinese_and_writes_nothing(
    operation: str, cast: Cast, client: Client
) -> None:
    world = build_world(cast, client, admin_headers(cast))
    headers = headers_for(operation, world)
    method, _ = operation.split(" ", 1)
    path, body = OPERATIONS[operation](world)
    spec = write_operations()[operation]

    def read() -> Any:
        if method == "POST":
            return None
        return client.get(path, headers=headers).content

    base = in_savepoint(lambda: send(client, method, path, json.dumps(body).encode(), headers))
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

        problems += in_savepoint(run)
    assert not problems, "\n".join(problems)
    assert len(cases) >= 10
