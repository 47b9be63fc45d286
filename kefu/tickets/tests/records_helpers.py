"""Helpers of the record tests: real files in a private data dir, forwarded work orders."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from django.utils import timezone

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition
from kefu.tickets.tests.conftest import open_ticket


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def upload(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


@pytest.fixture(name="data_dir")
def data_dir_fixture(settings: Any, tmp_path: Any) -> Any:
    """A private data dir per test: attachments are written to real files under it."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def stored_files(data_dir: Any) -> list[Any]:
    """Every file under the attachments folder, temporary ones included."""
    return sorted(p for p in (data_dir / "attachments").rglob("*") if p.is_file())


def dispatch_repair(cast: Cast, customer: Customer) -> Ticket:
    """A repair dispatched to 物业公司 (seen by cast.partner, not by cast.other_partner)."""
    return apply_transition(
        actor=cast.agent,
        ticket=open_ticket(cast, customer, "repair", title="楼道灯不亮"),
        transition="dispatch",
        fields={
            "partner": cast.property_company,
            "requested_action": "维修",
            "repair_due_at": timezone.now(),
        },
    )


def forward_complaint(cast: Cast, customer: Customer) -> Ticket:
    """A complaint forwarded to 工程部 (seen by cast.handler)."""
    complaint = apply_transition(
        actor=cast.agent,
        ticket=open_ticket(cast, customer),
        transition="classify",
        fields={"category": "产品质量"},
    )
    return apply_transition(
        actor=cast.agent,
        ticket=complaint,
        transition="forward",
        fields={
            "responsible_department": cast.engineering,
            "requested_action": "调查",
            "reply_due_at": timezone.now(),
        },
    )


@pytest.fixture(name="english", autouse=True)
def english_fixture(client: Any) -> Any:
    """Messages compared in English: services called directly and pages asked for."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
