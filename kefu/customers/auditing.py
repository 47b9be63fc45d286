"""Audit and permission helpers shared by the customer services (客户服务公共件).

Snapshots for the audit log mask phone and ID numbers: the log is read by auditors who may
not reveal personal data, so it must not become a way around the mask.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kefu.audit.services import snapshot
from kefu.core.errors import NotPermitted
from kefu.core.masking import mask_id_number, mask_phone
from kefu.customers.models import Customer

# What the customer services write from a caller's ``data`` (tags and custom fields aside).
FIELD_KEYS: tuple[str, ...] = (
    "kind",
    "name",
    "gender",
    "phone",
    "email",
    "birthday",
    "id_number",
    "address",
    "company",
    "source_channel",
    "owner",
    "notes",
    "member_number",
    "member_joined_on",
    "member_day",
    "member_expires_on",
    "spend_12m",
    "visits_12m",
    "vip_level",
    "marketing_consent",
)
# The audit log also follows what grading, merging and archiving change.
AUDITED_FIELDS: tuple[str, ...] = (
    *FIELD_KEYS,
    "grade",
    "grade_is_manual",
    "custom_fields",
    "merged_into",
    "is_active",
)


def customer_snapshot(customer: Customer, *, with_tags: bool = True) -> dict[str, Any]:
    """Plain values of the audited fields (phone and ID number masked) and the tag names."""
    values = snapshot(customer, AUDITED_FIELDS)
    values["phone"] = mask_phone(customer.phone)
    values["id_number"] = mask_id_number(customer.id_number)
    if with_tags:
        values["tags"] = sorted(customer.tags.values_list("name", flat=True)) if customer.pk else []
    return values


def require_permission(actor: Any, permission: str) -> None:
    """Raise NotPermitted unless ``actor`` is a logged-in user holding ``permission``."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(permission):
        raise NotPermitted(_("You are not allowed to do this."))
