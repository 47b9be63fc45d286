"""Regressions found by schemathesis on the work order API."""

from __future__ import annotations

from typing import Any

from kefu.tickets.sniffing import ACCEPTED


def test_the_attachment_download_documents_every_content_type_it_serves(
    client: Any, db: None
) -> None:
    # A PNG was served as image/png while the schema promised only application/octet-stream.
    schema = client.get("/api/v1/openapi.json").json()
    download = schema["paths"]["/api/v1/tickets/{number}/attachments/{attachment_id}"]["get"]
    documented = set(download["responses"]["200"]["content"])
    assert {kind.content_type for kind in ACCEPTED} <= documented
    assert "image/png" in documented
