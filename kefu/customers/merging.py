"""Merging duplicates (合并重复客户): every reference moves to the kept customer; the removed
one stays, inactive, as history. Re-exported by ``kefu.customers.services``.

References are found through ``Customer._meta``, so apps added later (work orders, callbacks,
surveys …) are moved without this module knowing them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record
from kefu.core.clock import now
from kefu.core.errors import Conflict, ValidationFailed
from kefu.core.phones import last4
from kefu.customers.auditing import customer_snapshot, require_permission
from kefu.customers.cells import cached_pinyin_keys
from kefu.customers.choices import Gender
from kefu.customers.grades import apply_grade_rules
from kefu.customers.models import Customer

# Fields of the kept customer filled from the removed one when empty. A value is empty when
# it equals the field's entry here.
FILLABLE: dict[str, Any] = {
    "gender": Gender.UNKNOWN,
    "phone": "",
    "email": "",
    "birthday": None,
    "id_number": "",
    "address": "",
    "company": "",
    "source_channel": "",
    "owner_id": None,
    "notes": "",
    "member_number": None,
    "member_joined_on": None,
    "member_day": None,
    "member_expires_on": None,
    "spend_12m": Decimal("0"),
    "visits_12m": 0,
    "vip_level": 0,
}


def merge_customers(*, actor: Any, keep: Customer, remove: Customer, reason: str) -> Customer:
    """Merge ``remove`` into ``keep`` (合并): move every reference, fill keep's empty fields,
    mark remove inactive with ``merged_into=keep``. Returns the kept customer."""
    require_permission(actor, "customers.merge_customer")
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give a reason.")]
    if keep.pk == remove.pk:
        errors["remove"] = [_("Choose two different customers.")]
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
    try:
        with transaction.atomic():
            locked = Customer.objects.select_for_update().in_bulk([keep.pk, remove.pk])
            kept, removed = locked[keep.pk], locked[remove.pk]
            if not (kept.is_active and removed.is_active):
                message = _("Only active customers can be merged.")
                raise ValidationFailed(message, fields={"remove": [message]})
            before_kept = customer_snapshot(kept)
            before_removed = customer_snapshot(removed)
            at = now()
            moved = _move_references(kept, removed)
            filled = _fill_empty_fields(kept, removed)
            removed.is_active = False
            removed.merged_into = kept
            if "member_number" in filled:
                removed.member_number = None  # unique: it moves to the kept customer
            removed.updated_at = at
            removed.save()
            if {"spend_12m", "visits_12m"} & set(filled):
                apply_grade_rules(customer=kept, actor=actor, at=at)
            kept.updated_at = at
            kept.save()
            record(
                actor=actor,
                action=AuditAction.MERGE,
                obj=kept,
                changes={
                    **diff(before_kept, customer_snapshot(kept)),
                    "merged_from": [None, f"{removed} (#{removed.pk})"],
                    "moved": moved,
                },
                reason=reason.strip(),
            )
            record(
                actor=actor,
                action=AuditAction.MERGE,
                obj=removed,
                changes=diff(before_removed, customer_snapshot(removed)),
                reason=reason.strip(),
            )
    except IntegrityError as exc:
        raise Conflict(
            _("The customers could not be merged: a record links to both of them.")
        ) from exc
    return kept


def _move_references(kept: Customer, removed: Customer) -> dict[str, int]:
    """Point every row that refers to ``removed`` at ``kept``: {model label: rows moved}."""
    moved: dict[str, int] = {}
    for relation in Customer._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or not issubclass(model, models.Model):
            continue
        field = relation.field
        if relation.many_to_many and isinstance(field, models.ManyToManyField):
            count = _move_reverse_m2m(field, kept, removed)
        elif relation.one_to_one:
            manager = model._base_manager
            if manager.filter(**{field.name: kept}).exists():
                continue  # kept already has its own; the removed customer keeps this one
            count = manager.filter(**{field.name: removed}).update(**{field.name: kept})
        else:
            count = model._base_manager.filter(**{field.name: removed}).update(**{field.name: kept})
        if count:
            moved[model._meta.label_lower] = moved.get(model._meta.label_lower, 0) + count
    for m2m in Customer._meta.many_to_many:
        targets = list(getattr(removed, m2m.name).all())
        if targets:
            getattr(kept, m2m.name).add(*targets)
            getattr(removed, m2m.name).clear()
            moved[f"customers.customer.{m2m.name}"] = len(targets)
    return moved


def _move_reverse_m2m(
    field: models.ManyToManyField[Any, Any], kept: Customer, removed: Customer
) -> int:
    """Links from another model's many-to-many field: move them; drop links kept has too."""
    through = field.remote_field.through
    assert isinstance(through, type)
    assert issubclass(through, models.Model)
    to_customer = field.m2m_reverse_field_name()
    to_owner = field.m2m_field_name()
    rows = through._base_manager.filter(**{to_customer: removed})
    shared = through._base_manager.filter(**{to_customer: kept}).values(to_owner)
    count = rows.exclude(**{f"{to_owner}__in": shared}).update(**{to_customer: kept})
    rows.delete()  # what is left links to something kept already links to
    return count


def _fill_empty_fields(kept: Customer, removed: Customer) -> list[str]:
    """Copy values of ``removed`` into the empty fields of ``kept``; names of those filled."""
    filled: list[str] = []
    for attname, empty in FILLABLE.items():
        theirs = getattr(removed, attname)
        if getattr(kept, attname) == empty and theirs != empty:
            setattr(kept, attname, theirs)
            filled.append(attname.removesuffix("_id"))
    extra = {
        key: value
        for key, value in (removed.custom_fields or {}).items()
        if key not in (kept.custom_fields or {})
    }
    if extra:
        kept.custom_fields = {**(kept.custom_fields or {}), **extra}
        filled.append("custom_fields")
    if "phone" in filled:
        kept.phone_last4 = last4(kept.phone)
    if not kept.name_pinyin:
        kept.name_pinyin, kept.name_initials = cached_pinyin_keys(kept.name)
    return filled
