"""A tiny JSON-over-HTTP client for the trust runs (standard library only, no Django)."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT_SECONDS = 60.0


@dataclass
class Reply:
    """One request's outcome: ``status`` is None when no HTTP answer came back (refused,
    reset, timed out), so the write may or may not have happened."""

    status: int | None
    body: Any
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def call(
    base: str,
    method: str,
    path: str,
    *,
    token: str = "",
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Reply:
    if not base.startswith("http://127.0.0.1:"):
        raise ValueError("trust runs talk to a server on loopback only")
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)  # noqa: S310
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Reply(response.status, _parse(response.read()))
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, _parse(exc.read()))
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        return Reply(None, None, f"{type(exc).__name__}: {exc}")


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw[:500].decode(errors="replace")
