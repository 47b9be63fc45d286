"""Bad uploads (恶意上传) on ``POST /api/v1/tickets/{number}/attachments``: empty, 1 MiB of
text, invalid UTF-8, HTML under an image name, a non-boolean flag → 4xx in Chinese, nothing
stored."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kefu.api.tests import corpus
from kefu.api.tests.checks import CJK, in_savepoint, row_counts
from kefu.api.tests.operations import build_world, png
from kefu.conftest import Cast


def test_bad_uploads_are_refused_in_chinese_and_store_nothing(cast: Cast, client: Client) -> None:
    headers = {"Authorization": f"Bearer {cast.token('admin')}", "Accept-Language": "zh-hans"}
    world = build_world(cast, client, headers)
    url = f"/api/v1/tickets/{world.numbers[0]}/attachments"

    def upload(name: str, content: bytes, **extra: Any) -> Any:
        data = {"file": SimpleUploadedFile(name, content), **extra}
        return client.post(url, data, headers=headers)

    accepted = in_savepoint(lambda: upload("photo.png", png()))
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

        response = in_savepoint(attempt)
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert CJK.search(response.json()["error"]["message"]), name
        assert row_counts() == before, name
    missing = client.post(url, {}, headers=headers)
    assert missing.status_code == 422
    assert "file" in missing.json()["error"]["fields"]
