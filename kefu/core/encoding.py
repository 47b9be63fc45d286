"""Request encoding check (请求编码检查): a form body that is not UTF-8 is refused, not mangled.

Django decodes form fields with replacement characters (U+FFFD), so a body in GBK or broken
bytes would be stored as question marks without a word. This middleware decodes every field
of a form-encoded body strictly and answers 400 with a message in the user's language.
Multipart bodies are left to Django (their file parts are binary by nature).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

FORM_TYPE = "application/x-www-form-urlencoded"


def is_utf8_form(body: bytes) -> bool:
    """Whether every name and value of a form-encoded body decodes as UTF-8."""
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


class StrictFormEncodingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        form = request.method in ("POST", "PUT", "PATCH") and request.content_type == FORM_TYPE
        if form and not is_utf8_form(request.body):
            message = escape(_("The request contains characters that are not valid UTF-8."))
            return HttpResponseBadRequest(
                f'<!doctype html><html lang="{get_language()}"><meta charset="utf-8">'
                f'<title>400</title><p role="alert">{message}</p></html>',
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
