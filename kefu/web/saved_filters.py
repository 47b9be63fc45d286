"""Saved filters (保存的筛选): a user keeps, applies and deletes named filters of a list page.

Personal preferences, not business data: no audit entry. Any list page can offer them by
rendering ``{% saved_filters %}`` (``kefu.web.templatetags.console_filters``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.core.clock import now
from kefu.core.errors import NotFound, NotPermitted, ValidationFailed
from kefu.web.models import SavedFilter

MAX_PER_PAGE = 30
# Parameters that are not part of a filter: the page position and htmx's own.
NOT_FILTERS = frozenset({"cursor", "csrfmiddlewaretoken"})


def clean_query(query: str) -> str:
    """The query string without the cursor and empty values, keys in a stable order."""
    pairs = [(k, v) for k, v in parse_qsl(query) if k not in NOT_FILTERS and v.strip()]
    return urlencode(sorted(pairs))


def is_local_path(page: str) -> bool:
    return page.startswith("/") and not page.startswith("//") and "\\" not in page


def filters_of(user: Any, page: str) -> list[SavedFilter]:
    """The user's saved filters of ``page``, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(SavedFilter.objects.filter(user=user, page=page).order_by("name"))


def save_filter(*, actor: Any, page: str, name: str, query: str) -> SavedFilter:
    """Save (or overwrite by name) the filter ``query`` of list page ``page`` (保存筛选)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("You are not allowed to do this."))
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the filter a name.")]
    elif len(name) > 60:
        errors["name"] = [_("Keep the name within 60 characters.")]
    if not is_local_path(page) or len(page) > 200:
        errors["page"] = [_("This page cannot keep filters.")]
    query = clean_query(query)
    if len(query) > 1000:
        errors["query"] = [_("This filter is too long to keep.")]
    if errors:
        raise ValidationFailed(_("The filter was not saved."), fields=errors)
    with transaction.atomic():
        existing = SavedFilter.objects.filter(user=actor, page=page, name=name).first()
        if existing is not None:
            existing.query = query
            existing.save(update_fields=["query"])
            return existing
        if SavedFilter.objects.filter(user=actor, page=page).count() >= MAX_PER_PAGE:
            message = _("Delete a saved filter first: a page keeps at most %(count)d.") % {
                "count": MAX_PER_PAGE
            }
            raise ValidationFailed(message, fields={"name": [message]})
        return SavedFilter.objects.create(
            user=actor, page=page, name=name, query=query, created_at=now()
        )


def delete_filter(*, actor: Any, pk: int) -> SavedFilter:
    """Delete one of the actor's own saved filters (删除筛选); another's is not found."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound(_("Saved filter not found."))
    with transaction.atomic():
        found = SavedFilter.objects.filter(pk=pk, user=actor).first()
        if found is None:
            raise NotFound(_("Saved filter not found."))
        found.delete()
    return found
