"""Printable forms (打印表单): HTML templates rendered to PDF with WeasyPrint.

The templates name the font WenQuanYi Micro Hei (Debian ``fonts-wqy-microhei``) so Chinese
renders on the server without any web font. Text is escaped by the template engine, so free
text such as ``<script>`` prints as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

PDF_TYPE = "application/pdf"
# The printed forms are Chinese paper forms: their labels and choices print in Chinese
# whatever the console language.
FORM_LANGUAGE = "zh-hans"


def render_pdf(
    template: str, context: Mapping[str, Any], request: HttpRequest | None = None
) -> bytes:
    """Render the template to HTML and the HTML to PDF bytes."""
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    with translation.override(FORM_LANGUAGE):
        html = render_to_string(template, dict(context), request=request)
    document: bytes = HTML(string=html).write_pdf()
    return document


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
