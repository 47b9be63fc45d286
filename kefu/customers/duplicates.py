"""Duplicate customers (重复客户): the same phone or email on more than one active customer.
Re-exported by ``kefu.customers.services``; merging them is ``kefu.customers.merging``."""

from __future__ import annotations

from django.db.models import Count, Min, Q

from kefu.customers.models import Customer
from kefu.customers.querysets import CustomerQuerySet


def find_duplicates(customer: Customer, among: CustomerQuerySet | None = None) -> list[Customer]:
    """Active customers with the same phone or the same email, oldest first; only those of
    ``among`` (e.g. the ones a user may see) when given."""
    condition = Q()
    if customer.phone:
        condition |= Q(phone=customer.phone)
    if customer.email:
        condition |= Q(email=customer.email.lower())
    if not condition:
        return []
    candidates = Customer.objects.all() if among is None else among
    return list(candidates.active().filter(condition).exclude(pk=customer.pk).order_by("id"))


def _shared_values(field: str, limit: int) -> set[str]:
    """Up to ``limit`` values of ``field`` held by more than one active customer, those of
    the oldest customers first."""
    return set(
        Customer.objects.active()
        .exclude(**{field: ""})
        .order_by()
        .values(field)
        .annotate(n=Count("id"), oldest=Min("id"))
        .filter(n__gt=1)
        .order_by("oldest")
        .values_list(field, flat=True)[:limit]
    )


def duplicate_groups(limit: int = 50) -> list[list[Customer]]:
    """Groups of active customers sharing a phone or an email; a group joins both ways
    (A and B share a phone, B and C an email: one group of three).

    At most ``limit`` groups, each oldest first, groups ordered by their oldest member.
    """
    phones, emails = _shared_values("phone", limit), _shared_values("email", limit)
    members: dict[int, Customer] = {}
    for _hop in range(5):  # follow phone → email → phone links a few steps
        found = Customer.objects.active().filter(Q(phone__in=phones) | Q(email__in=emails))
        members.update((c.pk, c) for c in found)
        more_phones = {c.phone for c in members.values() if c.phone} - phones
        more_emails = {c.email for c in members.values() if c.email} - emails
        if not (more_phones or more_emails):
            break
        phones |= more_phones
        emails |= more_emails
    parent = {pk: pk for pk in members}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    first_with: dict[str, int] = {}
    for customer in sorted(members.values(), key=lambda c: c.pk):
        keys = [f"p:{customer.phone}"] if customer.phone else []
        keys += [f"e:{customer.email}"] if customer.email else []
        for key in keys:
            if key in first_with:
                parent[root(customer.pk)] = root(first_with[key])
            else:
                first_with[key] = customer.pk
    groups: dict[int, list[Customer]] = {}
    for customer in sorted(members.values(), key=lambda c: c.pk):
        groups.setdefault(root(customer.pk), []).append(customer)
    ordered = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0].pk)
    return ordered[:limit]
