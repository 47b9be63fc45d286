"""The bad-input corpus on the console forms (表单恶意输入, issue 6 item 7).

Every form of ``table.FORMS`` gets every case of ``cases.cases_for``: empty, blank, missing,
1 MiB of text, a null byte, bytes that are not UTF-8, emoji, full-width, RTL, SQL and
template injection, wrong types for choices, numbers and dates, dates out of range, unknown
fields. Each case runs in a rolled-back savepoint; never a 500, a refusal in Chinese that
writes nothing, an accepted text stored verbatim.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kefu.api.tests.checks import in_savepoint, row_counts
from kefu.conftest import Cast
from kefu.tickets.facts import RECORDED_FIELDS
from kefu.tickets.forms.steps import field_for
from kefu.tickets.presets import PRESETS, preset
from kefu.web.tests.hostile.forms import gaps
from kefu.web.tests.hostile.forms.cases import Case, cases_for, encode, problems_of, send
from kefu.web.tests.hostile.forms.table import FORMS, Form, build_world
from kefu.web.tests.hostile.forms.values import kind_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(FORMS))
def test_bad_input_on_a_form_is_refused_in_chinese_and_writes_nothing(
    name: str, cast: Cast, client: Client
) -> None:
    form: Form = FORMS[name]
    world = build_world(cast)
    client.raise_request_exception = False  # a crash is a 500 to judge, like a user gets
    client.force_login(cast.by_role(form.role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    url = form.url(world)

    def snapshot() -> Any:
        return form.snapshot(world) if form.snapshot else None

    valid = in_savepoint(lambda: send(client, url, encode(form.valid(world))))
    assert valid.redirected, (name, valid.status, valid.page[:2000])
    assert valid.page_status == 200, (name, valid.location, valid.page_status)
    cases = cases_for(form, world)
    problems: list[str] = []
    for case in cases:

        def run(case: Case = case) -> list[str]:
            before, snapshot_before = row_counts(), snapshot()
            answer = send(client, url, case.body)
            return problems_of(case, answer, before, snapshot, snapshot_before)

        problems += gaps.unexpected(name, case.name, in_savepoint(run))
    problems += gaps.closed(name, {case.name for case in cases})
    assert not problems, "\n".join(problems)
    assert len(cases) >= 8


def test_every_kind_of_workflow_field_is_in_a_step_row(cast: Cast) -> None:
    """A shipped workflow field of a kind no step row covers (a new widget) fails here."""
    world = build_world(cast)
    covered = {
        kind
        for name, form in FORMS.items()
        if name.startswith("step ")
        for kind in form.kinds(world).values()
    }
    needed = {
        kind_of(field_for(key))
        for code in PRESETS
        for move in preset(code).transitions
        for key in move.required_fields
        if key not in RECORDED_FIELDS
    }
    assert needed <= covered, needed - covered
