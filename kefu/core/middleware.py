"""Middleware of the shared kernel: request context for auditing, security headers."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from kefu.core.context import RequestInfo, reset_request_info, set_request_info

# No inline script anywhere: Alpine runs in its CSP build, htmx from a static file.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or nginx's ``X-Real-IP`` when the request came
    through a proxy listed in ``KEFU_TRUSTED_PROXIES`` (audit rows and login lockout use it)."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote and remote in getattr(settings, "KEFU_TRUSTED_PROXIES", ()):
        real = str(request.META.get("HTTP_X_REAL_IP", "")).strip()
        if real:
            return real[:45]
    return remote


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_info(
            RequestInfo(ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""))
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_info(token)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
