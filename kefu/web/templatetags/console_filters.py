"""Template tags of list pages (列表页模板标签): the saved-filter bar.

Lower apps' templates use ``{% load console_filters %}{% saved_filters %}`` so that they offer
saved filters without importing the console (``kefu.web``) in Python.
"""

from __future__ import annotations

from typing import Any

from django import template

from kefu.web.saved_filters import clean_query, filters_of

register = template.Library()


@register.inclusion_tag("web/_saved_filters.html", takes_context=True)
def saved_filters(context: template.Context) -> dict[str, Any]:
    """The user's saved filters of the current page, and a form saving the current query."""
    request = context["request"]
    page = request.path
    return {
        "saved": filters_of(request.user, page),
        "page": page,
        "query": clean_query(request.GET.urlencode()),
        "csrf_token": context.get("csrf_token"),
    }
