"""Bench load client against a stand-in server: logins, keep-alive, and what counts as an error."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from kefu.bench.run import client, processes
from kefu.bench.run.http import Connection
from kefu.bench.run.runner import missing_api_params

TOKEN = "kefu_good"  # a stand-in secret
SESSION = "s3ss10n"
PARAMS = [{"name": "q", "in": "query"}, {"name": "limit", "in": "query"}]


class StandIn(BaseHTTPRequestHandler):
    """Just enough of Kefu: a login form, a session page, token API reads, one broken URL."""

    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn
    connections: set[tuple[str, int]] = set()
    logins: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def reply(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.connections.add(self.client_address)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/login/":
            form = b'<input name="csrfmiddlewaretoken" value="tok123">'
            self.reply(200, form, Set_Cookie="csrftoken=c1; Path=/")
        elif path.startswith("/api/"):
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self.reply(401, b'{"error": {}}')
            elif path == "/api/v1/openapi.json":
                spec = {"paths": {"/api/v1/tickets": {"get": {"parameters": PARAMS}}}}
                self.reply(200, json.dumps(spec).encode())
            elif path.startswith("/api/v1/kb/"):
                self.reply(500, b"boom")
            else:
                self.reply(200, b'{"items": []}')
        elif f"sessionid={SESSION}" not in (self.headers.get("Cookie") or ""):
            self.reply(302, Location=f"/login/?next={path}")
        else:
            self.reply(200, "<p>客户 漏水</p>".encode())

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = self.rfile.read(length).decode()
        if self.path == "/login/" and "csrfmiddlewaretoken=tok123" in form:
            self.logins.append(form)
            good = "password=pw" in form
            cookie = f"sessionid={SESSION}; Path=/" if good else "messages=x"
            self.reply(302, Location="/" if good else "/login/", Set_Cookie=cookie)
        else:
            self.reply(403)


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    StandIn.connections = set()
    StandIn.logins = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def config(httpd: ThreadingHTTPServer, scenario: str, **extra: Any) -> dict[str, Any]:
    plan = {
        "agents": ["a1"], "supervisors": ["s1"], "managers": ["m1"],
        "phone_last4": ["1234"], "customer_ids": [1, 2], "words_zh2": ["漏水"],
        "words_zh3": ["物业费"], "words_kb": ["发票"], "month": "2026-10",
    }  # fmt: skip
    tokens = {"a1": TOKEN, "s1": TOKEN, "m1": TOKEN}
    return {"scenario": scenario, "host": "127.0.0.1", "port": httpd.server_address[1],
            "plan": plan, "tokens": tokens, "password": "pw", "warmup": 0.05,
            "duration": 0.3, "missing_params": []} | extra  # fmt: skip


def test_console_pages_are_read_in_a_session_logged_in_through_the_form(
    server: ThreadingHTTPServer,
) -> None:
    result = client.run(config(server, "customer_timeline"))
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] > 3
    assert len(result["latencies_ms"]) == result["requests"]
    assert len(StandIn.logins) == 1  # once per client and user, not per request
    assert "username=m1" not in StandIn.logins[0]
    assert len(StandIn.connections) <= 2  # keep-alive: the login page's and no new ones


def test_a_refused_login_makes_the_scenario_fail_loudly(server: ThreadingHTTPServer) -> None:
    result = client.run(config(server, "dashboard_month", password="wrong"))
    assert result["errors"] == 1
    assert "login of m1 refused" in result["error_samples"][0]
    assert result["requests"] == 0


def test_non_2xx_answers_are_errors(server: ThreadingHTTPServer) -> None:
    result = client.run(config(server, "kb_search"))
    assert result["requests"] > 0
    assert result["errors"] >= result["requests"]
    assert "HTTP 500" in result["error_samples"][0]


def test_an_api_ignoring_the_scenario_parameter_counts_every_api_request_as_error(
    server: ThreadingHTTPServer,
) -> None:
    result = client.run(config(server, "queue_list_c1", missing_params=["queue"]))
    api_requests = (result["requests"] + 1) // 2
    assert result["errors"] >= api_requests > 0
    assert any("does not declare queue" in s for s in result["error_samples"])
    ok = client.run(config(server, "queue_list_c1"))
    assert ok["errors"] == 0, ok["error_samples"]


def test_missing_api_params_are_read_from_the_openapi_schema(server: ThreadingHTTPServer) -> None:
    port = server.server_address[1]
    assert missing_api_params("127.0.0.1", port, TOKEN) == ["queue"]
    assert missing_api_params("127.0.0.1", port, "bad") == ["q", "queue"]


def test_a_redirect_to_the_login_page_is_a_failure(server: ThreadingHTTPServer) -> None:
    answer = Connection("127.0.0.1", server.server_address[1]).get("/customers/1/")
    assert answer.status == 302
    assert not answer.ok


def test_the_workers_of_a_server_are_found_by_its_listening_socket(
    server: ThreadingHTTPServer,
) -> None:
    port = server.server_address[1]
    assert processes.listening_inodes(port)
    assert os.getpid() in processes.holders(processes.listening_inodes(port))
    assert processes.listening_inodes(1) == set()
    memory = processes.worker_memory([os.getpid()])
    assert memory["max"] == memory["each"][0] > 0
