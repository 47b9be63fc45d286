"""Cases and verdicts of the form bad-input corpus (表单恶意输入的用例与判定).

``cases_for`` turns a form row into cases: whole bodies (nothing sent, not UTF-8, unknown
fields, a field sent twice) and one field changed at a time by its kind. ``problems_of``
judges one answer: never a 5xx; a refusal is the form again (or a redirect carrying an error
message) with every message in Chinese and nothing written — no table gains or loses a row and
the object the form changes reads the same; an accepted hostile text is stored verbatim.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.test import Client

from kefu.api.tests.checks import CJK, row_counts
from kefu.web.tests.hostile.forms.table import Form, World
from kefu.web.tests.hostile.forms.values import (
    BY_KIND,
    EITHER,
    INVALID_UTF8,
    REFUSE,
    UNKNOWN_FIELDS,
    Expect,
)

ERRORS = (
    re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S),
    re.compile(r'data-testid="refusal"[^>]*>(.*?)<', re.S),
    re.compile(r'<li class="msg-error">(.*?)</li>', re.S),
    re.compile(r'role="alert"[^>]*>(.*?)</', re.S),
)
TAG = re.compile(r"<[^>]+>")
FORM_ENCODED = "application/x-www-form-urlencoded"


@dataclass
class Case:
    name: str
    body: bytes
    expect: Expect
    field: str = ""
    value: str = ""


def encode(data: dict[str, Any]) -> bytes:
    return urlencode(data, doseq=True).encode()


def cases_for(form: Form, world: World) -> list[Case]:
    valid = form.valid(world)
    required = form.required(world)
    found = [
        Case("no fields at all", b"", REFUSE if required else EITHER),
        Case("unknown fields", encode({**valid, **UNKNOWN_FIELDS}), EITHER),
    ]
    if form.text_field:
        raw = encode({k: v for k, v in valid.items() if k != form.text_field})
        found.append(
            Case(
                "invalid UTF-8", raw + b"&" + form.text_field.encode() + b"=" + INVALID_UTF8, REFUSE
            )
        )
        twice = {**valid, form.text_field: ["第一个", "第二个"]}
        found.append(Case("a field sent twice", encode(twice), EITHER))
    for name, kind in form.kinds(world).items():
        empty = REFUSE if name in required else EITHER
        found.append(Case(f"{name}: empty", encode({**valid, name: ""}), empty, name))
        found.append(Case(f"{name}: blank", encode({**valid, name: "   "}), empty, name))
        found.append(Case(f"{name}: missing", encode(_without(valid, name)), empty, name))
        for label, value, expect in BY_KIND[kind]:
            text = value if kind in ("text", "email") and name not in form.normalised else ""
            case = Case(f"{name}: {label}", encode({**valid, name: value}), expect, name, text)
            found.append(case)
    return found


def _without(data: dict[str, str], name: str) -> dict[str, str]:
    return {k: v for k, v in data.items() if k != name}


@dataclass
class Answer:
    """What the user gets: the POST's status, and the page shown (after one redirect)."""

    status: int
    location: str
    page_status: int
    page: str

    @property
    def redirected(self) -> bool:
        return 300 <= self.status < 400


def send(client: Client, url: str, body: bytes) -> Answer:
    """POST the form-encoded ``body``; a redirect is followed once: a refusal may come back as
    a redirect with an error message, and an accepted value must not break the next page."""
    response = client.generic("POST", url, body, content_type=FORM_ENCODED)
    if 300 <= response.status_code < 400:
        location = response["Location"]
        page = client.get(location)
        text = page.content.decode(errors="replace")
        return Answer(response.status_code, location, page.status_code, text)
    text = response.content.decode(errors="replace")
    return Answer(response.status_code, "", response.status_code, text)


def messages_in(answer: Answer) -> list[str]:
    """The error messages shown: the form's, or the flashed error after a redirect."""
    found = []
    page = answer.page
    for pattern in ERRORS[2:3] if answer.redirected else ERRORS:
        for chunk in pattern.findall(page):
            text = html.unescape(TAG.sub(" ", chunk)).strip()
            if text:
                found.append(text)
    return found


def written_text(before: dict[str, int]) -> str:
    """Every text of the newest row of each table that gained rows (read through the ORM)."""
    after = row_counts()
    grown = {table for table, n in after.items() if n > before.get(table, 0)}
    texts = []
    for model in apps.get_models():
        if model._meta.db_table in grown:
            row = model._default_manager.order_by("-pk").values().first()
            texts.append(json.dumps(row, ensure_ascii=False, default=str))
    return "\n".join(texts)


def _strings(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def problems_of(
    case: Case,
    answer: Answer,
    before: dict[str, int],
    snapshot: Callable[[], Any],
    snapshot_before: Any,
) -> list[str]:
    status = answer.status
    if status >= 500:
        return [f"{case.name}: {status}"]
    if answer.page_status >= 500:
        return [f"{case.name}: accepted, then {answer.page_status} on {answer.location}"]
    if "/login/" in answer.location:
        return [f"{case.name}: sent to the login page"]
    shown = messages_in(answer)
    refused = not answer.redirected or bool(shown)
    if not refused:
        if case.expect == REFUSE:
            return [f"{case.name}: accepted ({status})"]
        if case.value:
            stored = written_text(before) + _strings(snapshot())
            # JSON escapes quotes and backslashes; compare in the same form.
            if json.dumps(case.value, ensure_ascii=False)[1:-1] not in stored:
                return [f"{case.name}: accepted but not stored verbatim"]
        return []
    found = []
    if not shown:
        found.append(f"{case.name}: refused ({status}) without a message")
    if not all(CJK.search(text) for text in shown):
        found.append(f"{case.name}: message not in Chinese: {shown}")
    if row_counts() != before:
        changed = {t: n for t, n in row_counts().items() if before.get(t) != n}
        found.append(f"{case.name}: refused but rows changed: {changed}")
    if snapshot() != snapshot_before:
        found.append(f"{case.name}: refused but the object changed")
    return found
