"""Helpers of the report pages (报表页面公共件): typed request, the tabs, the period forms."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kefu.accounts.models import User

VIEW_PERMISSION = "reports.view_report"


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user."""

    user: User


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
