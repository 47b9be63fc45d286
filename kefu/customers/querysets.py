"""Reads of the customer archive (客户查询): data scope, search."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models

from kefu.core.phones import InvalidPhone, normalize_phone

if TYPE_CHECKING:
    from kefu.customers.models import Customer  # noqa: F401

# Apps that forward work to departments and partners (work orders, later) register here a
# function department_id -> queryset of customer ids linked to work sent to that department.
# A department handler or partner user sees exactly the union of those customers.
ScopeProvider = Callable[[int], "models.QuerySet[Any]"]
_scope_providers: list[ScopeProvider] = []


def register_scope_provider(provider: ScopeProvider) -> None:
    if provider not in _scope_providers:
        _scope_providers.append(provider)


def unregister_scope_provider(provider: ScopeProvider) -> None:
    if provider in _scope_providers:
        _scope_providers.remove(provider)


# Above every character: ``field >= text AND field < text + LAST`` is "starts with text".
LAST = "\U0010ffff"


def _prefix(field: str, text: str) -> models.Q:
    """Starts with ``text``, as a range of the field's index (前缀查找). ``LIKE 'text%'`` uses
    no index on SQLite (case-insensitive LIKE) nor on PostgreSQL (without pattern ops)."""
    return models.Q(**{f"{field}__gte": text, f"{field}__lt": text + LAST})


class CustomerQuerySet(models.QuerySet["Customer"]):
    def active(self) -> CustomerQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user: Any) -> CustomerQuerySet:
        """Service staff see every customer; handlers and partners only those linked to work
        forwarded to their department or company; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "customers.view_customer"
        ):
            return self.none()
        if user.has_perm("customers.view_all_customers"):
            return self
        from kefu.org.scope import place_of

        department_id = place_of(user).department_id
        if department_id is None or not _scope_providers:
            return self.none()
        condition = models.Q()
        for provider in _scope_providers:
            condition |= models.Q(pk__in=provider(department_id))
        return self.filter(condition)

    def search(self, text: str) -> CustomerQuerySet:
        """Find by name, pinyin initials (张三 ← "zs"), full pinyin, phone or its last 4 digits,
        member number or email. Every branch reads its own index (prefix range or equality);
        the branches are joined by UNION ALL rather than OR, so no table statistics (say, a
        column of mostly empty values) can turn the lookup into a scan of every customer."""
        q = (text or "").strip()
        if not q:
            return self
        branches = [_prefix("name", q), models.Q(member_number=q)]
        if q.isdigit():
            if len(q) == 4:
                branches.append(models.Q(phone_last4=q))
            if len(q) >= 7:
                branches.append(_prefix("phone", q))
                with contextlib.suppress(InvalidPhone):
                    branches.append(models.Q(phone=normalize_phone(q)))
        elif q.isascii() and q.replace(" ", "").isalpha():
            key = q.replace(" ", "").lower()
            branches.append(_prefix("name_initials", key))
            if len(key) > 2:
                branches.append(_prefix("name_pinyin", key))
        if "@" in q:
            branches.append(models.Q(email=q.lower()))
        ids = [self.model.objects.filter(branch).order_by().values("pk") for branch in branches]
        return self.filter(pk__in=ids[0].union(*ids[1:], all=True))
