"""Probing the endpoints (探测入口): every console URL and API operation, and what a role gets.

Outcomes are short codes: ``ok`` (2xx, or a 3xx that is not the login page), ``login`` (302 to
the login page), and the status code as text otherwise (``"401"``, ``"403"``, ``"404"``,
``"405"``, ``"500"``…).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kefu.api.router import api


@dataclass(frozen=True)
class ConsoleUrl:
    name: str  # "namespace:name"
    route: str  # the pattern, for messages


def console_urls() -> list[ConsoleUrl]:
    """Every named URL pattern of the site outside the API, walking every include."""
    found: list[ConsoleUrl] = []
    for route, name in _walk(get_resolver(), "", None):
        if route.startswith("api/"):
            continue
        assert name, f"unnamed URL pattern {route!r}: name it so the access matrix can cover it"
        found.append(ConsoleUrl(name, route))
    return found


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            if namespace and name:
                name = f"{namespace}:{name}"
            yield prefix + str(entry.pattern), name


def api_operations() -> list[str]:
    """Every operation of the API as "METHOD /path/{param}" (from the OpenAPI schema)."""
    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    )


def console_outcome(response: Any) -> str:
    status = int(response.status_code)
    if status in (301, 302, 303, 307, 308):
        location = str(response.get("Location", ""))
        login = str(resolve_url(settings.LOGIN_URL))
        return "login" if location.startswith(login) else "ok"
    if 200 <= status < 300:
        return "ok"
    return str(status)


def api_outcome(response: Any) -> str:
    status = int(response.status_code)
    return "ok" if 200 <= status < 400 else str(status)


def api_client(token: str | None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(headers={**headers, "Accept-Language": "en"})
