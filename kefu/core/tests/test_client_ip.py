"""The client's address behind a trusted reverse proxy (反向代理) and without one."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from kefu.core.middleware import client_ip


@pytest.mark.parametrize(
    ("trusted", "remote", "real", "expected"),
    [
        ([], "10.0.0.5", "203.0.113.9", "10.0.0.5"),  # no proxy configured: header ignored
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9", "203.0.113.9"),  # through nginx
        (["127.0.0.1"], "198.51.100.7", "203.0.113.9", "198.51.100.7"),  # forged by a client
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),  # proxy without the header
    ],
    ids=["no-proxy", "trusted-proxy", "untrusted-sender", "proxy-without-header"],
)
def test_x_real_ip_is_believed_only_from_a_trusted_proxy(
    trusted: list[str], remote: str, real: str, expected: str
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_REAL_IP=real)
    with override_settings(KEFU_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected
