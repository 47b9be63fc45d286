"""A tiny SMS gateway for tests (短信网关): a real HTTP server on 127.0.0.1 that records posts."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Gateway:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)

    def texts_to(self, number: str) -> list[str]:
        return [r["json"]["text"] for r in self.received if r["json"].get("to") == number]


@pytest.fixture
def sms_gateway(settings: Any) -> Iterator[Gateway]:
    """Start a local HTTP SMS gateway and point the ``http`` adapter at it."""
    gateway = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            with gateway.lock:
                gateway.received.append(
                    {
                        "json": json.loads(raw.decode("utf-8")),
                        "authorization": self.headers.get("Authorization", ""),
                        "content_type": self.headers.get("Content-Type", ""),
                        "path": self.path,
                    }
                )
                number = len(gateway.received)
            body = json.dumps({"id": f"gw-{number}"}).encode()
            self.send_response(gateway.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    settings.KEFU_SMS_BACKEND = "http"
    settings.KEFU_SMS_URL = gateway.url
    settings.KEFU_SMS_TOKEN = "gw-secret"
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
