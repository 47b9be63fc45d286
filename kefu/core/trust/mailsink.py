"""A slow SMTP server on loopback (测试邮件服务器) for the crash run: it keeps every message it
accepts as one JSON line, so the checker can count the emails of each work order.

``delay`` seconds pass before each message is accepted, so that email jobs queue up behind
it and some are still waiting (or being sent) when the server and the consumer are killed.
The messages are written to ``log`` when they are accepted (before the 250 answer), so a
message counted here is one the sender may or may not have been told about, as with any
real SMTP server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from kefu.core.trust.server import free_port


@dataclass
class MailSink:
    """``aiosmtpd`` on 127.0.0.1:``port`` writing ``{"t", "to", "subject", "body", "id"}``."""

    log: Path
    delay: float = 0.0
    port: int = field(default_factory=free_port)
    _controller: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        from aiosmtpd.controller import Controller  # a test-only dependency, loaded on use

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # one INFO line per SMTP verb
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def keep(self, content: bytes, recipients: list[str]) -> None:
        message = message_from_bytes(content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "t": round(time.time(), 3),
            "to": recipients,
            "subject": str(message.get("Subject", "")),
            "id": str(message.get("Message-ID", "")),
            "body": body.get_content() if body is not None else "",
        }
        with self._lock, self.log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


class _Handler:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        self.sink.keep(envelope.content, list(envelope.rcpt_tos))
        return "250 OK"


def read_mail(log: Path) -> list[dict[str, Any]]:
    """Every message the sink accepted, oldest first."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
