"""Customer services (客户服务): the only writers of the customer archive.

Here: create and update customers, reveal masked personal data. Grades
(``kefu.customers.grades``), stored items (``storeditems``), duplicates (``duplicates``) and
merging (``merging``) have modules of their own and are re-exported here, so that callers
import every customer service from this one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record
from kefu.core.clock import now, today
from kefu.core.errors import ValidationFailed
from kefu.core.phones import last4
from kefu.customers import cells, customvalues, labels
from kefu.customers.auditing import FIELD_KEYS, customer_snapshot, require_permission
from kefu.customers.cells import CellError
from kefu.customers.customvalues import FieldSpec
from kefu.customers.duplicates import duplicate_groups, find_duplicates
from kefu.customers.grades import (
    apply_grade_rules,
    change_grade,
    clear_grade_override,
    computed_grade,
    grade_thresholds,
    override_grade,
    recompute_grades,
    update_grade_rules,
)
from kefu.customers.merging import merge_customers
from kefu.customers.models import Customer, CustomField, Tag
from kefu.customers.storeditems import add_stored_item, update_stored_item

__all__ = [
    "DATA_KEYS",
    "FIELD_KEYS",
    "RevealedData",
    "add_stored_item",
    "clear_grade_override",
    "create_customer",
    "custom_field_specs",
    "customer_for_contact",
    "duplicate_groups",
    "find_duplicates",
    "merge_customers",
    "override_grade",
    "recompute_grades",
    "reveal_personal_data",
    "update_customer",
    "update_grade_rules",
    "update_stored_item",
]

DATA_KEYS = frozenset((*FIELD_KEYS, "tags", "custom_fields"))
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length or 50


def _owner(value: Any) -> User | None:
    if value is None or value == "":
        return None
    if isinstance(value, User):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        found = User.objects.filter(pk=value, is_active=True).first()
        if found is not None:
            return found
    raise CellError(_("Choose a valid user."))


def _amount(value: Any) -> Decimal:
    return cells.parse_decimal(value) or Decimal("0")


def _count(value: Any) -> int:
    return cells.parse_int(value) or 0


def _vip_level(value: Any) -> int:
    return cells.parse_int(value, high=32767) or 0


def _member_day(value: Any) -> int | None:
    return cells.parse_int(value, low=1, high=31)


def _consent(value: Any) -> bool:
    return bool(cells.parse_bool(value))


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "kind": labels.parse_kind,
    "name": cells.required_text,
    "gender": labels.parse_gender,
    "phone": cells.parse_phone,
    "email": cells.parse_email,
    "birthday": cells.parse_date,
    "id_number": cells.parse_id_number,
    "address": cells.parse_text,
    "company": cells.parse_text,
    "source_channel": labels.parse_source_channel,
    "owner": _owner,
    "notes": cells.parse_text,
    "member_number": cells.parse_member_number,
    "member_joined_on": cells.parse_date,
    "member_day": _member_day,
    "member_expires_on": cells.parse_date,
    "spend_12m": _amount,
    "visits_12m": _count,
    "vip_level": _vip_level,
    "marketing_consent": _consent,
}


def custom_field_specs() -> list[FieldSpec]:
    """The custom field definitions as plain data, in display order."""
    return [
        FieldSpec(
            key=field.key,
            label=field.label,
            field_type=field.field_type,
            choices=tuple(_choice_value(c) for c in field.choices or ()),
            is_required=field.is_required,
        )
        for field in CustomField.objects.all()
    ]


def _choice_value(choice: Any) -> str:
    if isinstance(choice, Mapping):
        return str(choice.get("value", ""))
    if isinstance(choice, list | tuple) and choice:
        return str(choice[0])
    return str(choice)


def _max_length(field: str) -> int | None:
    model_field = Customer._meta.get_field(field)
    return model_field.max_length if isinstance(model_field, models.CharField) else None


@dataclass
class _Cleaned:
    values: dict[str, Any]
    tags: list[str] | None
    custom_fields: dict[str, Any] | None


def _clean(data: Mapping[str, Any], *, customer: Customer, creating: bool) -> _Cleaned:
    """Check and normalise ``data`` for ``customer``; ValidationFailed lists every problem."""
    errors: dict[str, list[str]] = {}

    def fail(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    for key in sorted(set(data) - DATA_KEYS):
        fail(key, _("Unknown field."))
    if creating and "name" not in data:
        fail("name", _("This field is required."))
    values: dict[str, Any] = {}
    for key in FIELD_KEYS:
        if key not in data:
            continue
        try:
            values[key] = _CLEANERS[key](data[key])
        except CellError as exc:
            fail(key, exc.message)
            continue
        limit = _max_length(key)
        if limit and isinstance(values[key], str) and len(values[key]) > limit:
            fail(key, _("Ensure this value has at most %(max)d characters.") % {"max": limit})

    def effective(key: str) -> Any:
        return values[key] if key in values else getattr(customer, key)

    birthday = values.get("birthday")
    if birthday and birthday > today():
        fail("birthday", _("The birthday cannot be in the future."))
    joined, expires = effective("member_joined_on"), effective("member_expires_on")
    if ("member_expires_on" in values or "member_joined_on" in values) and (
        joined and expires and expires < joined
    ):
        fail("member_expires_on", _("Membership cannot expire before it starts."))
    number = values.get("member_number")
    taken = Customer.objects.filter(member_number=number)
    if customer.pk is not None:
        taken = taken.exclude(pk=customer.pk)
    if number and taken.exists():
        fail("member_number", _("This member number is already in use."))

    tags = None
    if "tags" in data:
        tags = _clean_tags(data["tags"], fail)
    custom = None
    if "custom_fields" in data or creating:
        custom = _clean_custom_fields(data.get("custom_fields") or {}, customer, fail)
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
    return _Cleaned(values=values, tags=tags, custom_fields=custom)


def _clean_tags(raw: Any, fail: Callable[[str, str], None]) -> list[str]:
    if isinstance(raw, str):
        return cells.split_tags(raw)
    if not isinstance(raw, list | tuple | set):
        fail("tags", _("Give a list of tag names."))
        return []
    names = list(dict.fromkeys(str(name).strip() for name in raw if str(name).strip()))
    if any(len(name) > TAG_MAX_LENGTH for name in names):
        fail("tags", _("A tag has at most %(max)d characters.") % {"max": TAG_MAX_LENGTH})
    return names


def _clean_custom_fields(
    raw: Any, customer: Customer, fail: Callable[[str, str], None]
) -> dict[str, Any]:
    """Given values replace stored ones (blank removes); keys without a definition that are
    already stored are kept as they are."""
    if not isinstance(raw, Mapping):
        fail("custom_fields", _("Give the custom fields as a mapping."))
        return {}
    specs = custom_field_specs()
    known = {spec.key for spec in specs}
    stored = dict(customer.custom_fields or {})
    merged = {k: v for k, v in stored.items() if k in known} | dict(raw)
    cleaned, problems = customvalues.clean_custom_fields(merged, specs)
    for key, message in problems.items():
        fail(f"custom_fields.{key}", message)
    kept = {k: v for k, v in stored.items() if k not in known and k not in raw}
    return kept | cleaned


def _apply(customer: Customer, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        setattr(customer, key, value)
    if "name" in values:
        full, initials = cells.cached_pinyin_keys(customer.name)
        customer.name_pinyin = full[:300]
        customer.name_initials = initials[:100]
    if "phone" in values:
        customer.phone_last4 = last4(customer.phone)


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names, created when new."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in names if name not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [existing[name] for name in names]


def _member_number_taken() -> ValidationFailed:
    message = _("This member number is already in use.")
    return ValidationFailed(_("Check the highlighted fields."), fields={"member_number": [message]})


def create_customer(*, actor: Any, data: Mapping[str, Any]) -> Customer:
    """Create a customer (新建客户) from field values plus ``tags`` and ``custom_fields``."""
    customer = Customer()
    try:
        with transaction.atomic():
            cleaned = _clean(data, customer=customer, creating=True)
            _apply(customer, cleaned.values)
            customer.custom_fields = cleaned.custom_fields or {}
            at = now()
            customer.created_at = customer.updated_at = at
            customer.created_by = actor if getattr(actor, "is_authenticated", False) else None
            grade = computed_grade(customer, grade_thresholds())
            customer.grade = grade
            customer.save()
            change_grade(
                customer=customer,
                to_grade=grade,
                from_grade="",
                actor=actor,
                is_manual=False,
                reason="",
                at=at,
            )
            if cleaned.tags:
                customer.tags.set(tags_named(cleaned.tags))
            record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=customer,
                changes=diff({}, customer_snapshot(customer)),
            )
    except IntegrityError as exc:
        if customer.member_number:
            raise _member_number_taken() from exc
        raise
    return customer


def customer_for_contact(*, actor: Any, name: str, phone: str) -> Customer:
    """The customer a contact is about (来电客户): matched by phone among the active customers
    the actor may see, oldest first, or created with this name and phone."""
    try:
        normalized = cells.parse_phone(phone)
    except CellError as exc:
        raise ValidationFailed(exc.message, fields={"phone": [exc.message]}) from None
    if not normalized:
        message = _("This field is required.")
        raise ValidationFailed(message, fields={"phone": [message]})
    found = (
        Customer.objects.visible_to(actor).active().filter(phone=normalized).order_by("id").first()
    )
    if found is not None:
        return found
    require_permission(actor, "customers.add_customer")
    return create_customer(actor=actor, data={"name": name, "phone": normalized})


def update_customer(*, actor: Any, customer: Customer, data: Mapping[str, Any]) -> Customer:
    """Change some fields of a customer (修改客户); keys not in ``data`` stay as they are.

    Returns the saved customer; nothing is written when nothing changes.
    """
    try:
        with transaction.atomic():
            fresh = Customer.objects.select_for_update().get(pk=customer.pk)
            before = customer_snapshot(fresh)
            cleaned = _clean(data, customer=fresh, creating=False)
            _apply(fresh, cleaned.values)
            if cleaned.custom_fields is not None:
                fresh.custom_fields = cleaned.custom_fields
            after = customer_snapshot(fresh, with_tags=False)
            after["tags"] = before["tags"] if cleaned.tags is None else sorted(cleaned.tags)
            changes = diff(before, after)
            if not changes:
                return fresh
            at = now()
            if {"spend_12m", "visits_12m"} & set(changes):
                apply_grade_rules(customer=fresh, actor=actor, at=at)
            fresh.updated_at = at
            fresh.save()
            if cleaned.tags is not None:
                fresh.tags.set(tags_named(cleaned.tags))
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=fresh,
                changes=diff(before, customer_snapshot(fresh)),
            )
    except IntegrityError as exc:
        if "member_number" in data:
            raise _member_number_taken() from exc
        raise
    return fresh


# --- personal data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RevealedData:
    """Unmasked personal data of one customer, handed out after an audited reveal."""

    phone: str
    id_number: str
    email: str


def reveal_personal_data(*, actor: Any, customer: Customer, reason: str) -> RevealedData:
    """Show the unmasked phone, ID number and email (查看明文), with the reason in the log."""
    require_permission(actor, "customers.reveal_personal_data")
    reason = (reason or "").strip()
    if not reason:
        message = _("Give a reason for revealing personal data.")
        raise ValidationFailed(message, fields={"reason": [message]})
    with transaction.atomic():
        record(
            actor=actor,
            action=AuditAction.REVEAL,
            obj=customer,
            changes={"fields": ["phone", "id_number", "email"]},
            reason=reason,
        )
    return RevealedData(phone=customer.phone, id_number=customer.id_number, email=customer.email)
