"""Stored items (寄存/储值): wine kept at a KTV, prepaid cards, deposits, with their expiry.
Re-exported by ``kefu.customers.services``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.clock import today
from kefu.core.errors import ValidationFailed
from kefu.customers import cells
from kefu.customers.cells import CellError
from kefu.customers.choices import StoredItemStatus
from kefu.customers.models import Customer, StoredItem

STORED_ITEM_KEYS = ("name", "quantity", "unit", "stored_on", "expires_on", "status", "notes")


def _clean_stored_item(data: Mapping[str, Any], item: StoredItem, *, creating: bool) -> None:
    errors: dict[str, list[str]] = {}
    for key in sorted(set(data) - set(STORED_ITEM_KEYS)):
        errors[key] = [_("Unknown field.")]
    cleaners: dict[str, Callable[[Any], Any]] = {
        "name": cells.required_text,
        "quantity": lambda v: cells.parse_decimal(v) if not cells.is_blank(v) else Decimal(1),
        "unit": cells.parse_text,
        "stored_on": lambda v: cells.parse_date(v) or today(),
        "expires_on": cells.parse_date,
        "status": _stored_item_status,
        "notes": cells.parse_text,
    }
    if creating and "name" not in data:
        errors["name"] = [_("This field is required.")]
    for key, clean in cleaners.items():
        if key in data:
            try:
                setattr(item, key, clean(data[key]))
            except CellError as exc:
                errors[key] = [exc.message]
    for key in ("name", "unit", "notes"):
        model_field = StoredItem._meta.get_field(key)
        limit = model_field.max_length if isinstance(model_field, models.CharField) else None
        if limit and len(getattr(item, key)) > limit:
            errors[key] = [_("Ensure this value has at most %(max)d characters.") % {"max": limit}]
    if item.stored_on and item.expires_on and item.expires_on < item.stored_on:
        errors["expires_on"] = [_("An item cannot expire before it is stored.")]
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)


def _stored_item_status(value: Any) -> str:
    text = cells.parse_text(value) or StoredItemStatus.STORED
    if text not in StoredItemStatus.values:
        raise CellError(_("Choose a valid status."))
    return text


def add_stored_item(*, actor: Any, customer: Customer, data: Mapping[str, Any]) -> StoredItem:
    """Record an item a customer leaves with us (存酒, a prepaid card, a deposit)."""
    item = StoredItem(customer=customer, stored_on=today())
    _clean_stored_item(data, item, creating=True)
    with transaction.atomic():
        item.save()
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            changes=diff({}, snapshot(item, ("customer", *STORED_ITEM_KEYS))),
        )
    return item


def update_stored_item(*, actor: Any, item: StoredItem, data: Mapping[str, Any]) -> StoredItem:
    """Change a stored item (withdrawn, expiry moved …); nothing written when nothing changes."""
    with transaction.atomic():
        fresh = StoredItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(fresh, STORED_ITEM_KEYS)
        _clean_stored_item(data, fresh, creating=False)
        changes = diff(before, snapshot(fresh, STORED_ITEM_KEYS))
        if changes:
            fresh.save()
            record(actor=actor, action=AuditAction.UPDATE, obj=fresh, changes=changes)
    return fresh
