"""Form bodies that are not UTF-8 are refused with a message, never stored mangled."""

from __future__ import annotations

import pytest
from django.test import Client

from kefu.core.encoding import is_utf8_form


@pytest.mark.parametrize(
    ("body", "ok"),
    [
        (b"name=%E5%BC%A0%E4%B8%89&phone=138", True),  # 张三
        (b"a=&b&=c", True),
        (b"name=%D5%C5%C8%FD", False),  # 张三 in GBK
        (b"name=\xff", False),
        (b"%FF=x", False),
    ],
    ids=["utf8", "empty-parts", "gbk", "raw-byte", "bad-name"],
)
def test_is_utf8_form(body: bytes, ok: bool) -> None:
    assert is_utf8_form(body) is ok


@pytest.mark.django_db
def test_a_gbk_form_body_gets_400_in_chinese() -> None:
    client = Client(enforce_csrf_checks=False, HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.post(
        "/login/",
        data=b"username=%D5%C5%C8%FD&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "请求包含无效的字符编码" in response.content.decode()
