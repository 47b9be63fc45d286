"""Bench HTTP connection (压测连接): one keep-alive connection per client, standard library only.

A ``Connection`` carries either an API bearer token or a console session (logged in once
through the real login form, cookies kept by hand). A non-2xx answer, or a redirect to the
login page, is a failure; the caller decides what to count. No Django here: this runs in
the load-generating process.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

TIMEOUT_SECONDS = 60.0
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    """One request's outcome. ``status`` 0: no HTTP answer came back (reset, timeout)."""

    status: int
    body: bytes
    location: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Connection:
    """A keep-alive connection to ``host:port`` speaking as one user."""

    host: str
    port: int
    token: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    _conn: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {"Host": f"{self.host}:{self.port}", "Connection": "keep-alive"}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent |= headers or {}
        for attempt in (1, 2):
            conn = self._open()
            try:
                conn.request(method, path, body=body, headers=sent)
                response = conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError) as exc:
                self.close()
                # A keep-alive connection the server closed while idle: reopen once for reads.
                if attempt == 1 and method == "GET":
                    continue
                return Answer(0, b"", error=f"{type(exc).__name__}: {exc}")
            self._keep_cookies(response.msg.get_all("Set-Cookie") or [])
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, data, response.getheader("Location") or "")
        raise AssertionError("unreachable")

    def get(self, path: str) -> Answer:
        accept = "application/json" if path.startswith("/api/") else "text/html"
        return self.request("GET", path, headers={"Accept": accept})

    def post_json(self, path: str, payload: Any) -> Answer:
        data = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        return self.request("POST", path, body=data, headers=headers)

    def _keep_cookies(self, lines: list[str]) -> None:
        for line in lines:
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def log_in(self, username: str, password: str) -> None:
        """Log in through the console's login form (CSRF token and cookie included)."""
        page = self.get("/login/")
        found = CSRF_FIELD.search(page.body)
        if not page.ok or found is None:
            raise RuntimeError(f"no login form (HTTP {page.status})")
        form = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": found.group(1).decode(),
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{self.host}:{self.port}/login/",
        }
        answer = self.request("POST", "/login/", body=form, headers=headers)
        if answer.status != 302 or "/login/" in answer.location or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} refused (HTTP {answer.status})")


def is_failure(answer: Answer) -> bool:
    """Non-2xx, or (for console pages) sent back to the login page."""
    return not answer.ok or "/login/" in answer.location
