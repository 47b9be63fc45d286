"""Template filters of the callback pages (回访页面过滤器)."""

from __future__ import annotations

from django import template

from kefu.core.masking import mask_phone

register = template.Library()


@register.filter
def masked(phone: str) -> str:
    """A phone number masked (138****5678), as every page shows it."""
    return mask_phone(phone or "")
