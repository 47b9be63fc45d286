"""Custom field definitions (自定义字段): an administrator adds fields to the customer archive."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.errors import ValidationFailed
from kefu.customers.auditing import require_permission
from kefu.customers.choices import CustomFieldType
from kefu.customers.models import CustomField

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
AUDITED = ("key", "label", "field_type", "choices", "is_required", "position")


def _checked(*, label: str, field_type: str, choices: Sequence[str]) -> tuple[str, list[str]]:
    errors: dict[str, list[str]] = {}
    label = label.strip()
    if not label:
        errors["label"] = [_("This field is required.")]
    if field_type not in CustomFieldType.values:
        errors["field_type"] = [_("Choose one of the allowed values.")]
    cleaned = list(dict.fromkeys(c.strip() for c in choices if c.strip()))
    if field_type == CustomFieldType.CHOICE and not cleaned:
        errors["choices"] = [_("A choice field needs at least one choice.")]
    if field_type != CustomFieldType.CHOICE:
        cleaned = []
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
    return label, cleaned


def create_custom_field(
    *,
    actor: Any,
    key: str,
    label: str,
    field_type: str,
    choices: Sequence[str] = (),
    is_required: bool = False,
    position: int = 0,
) -> CustomField:
    """Add a field to every customer's archive. The key is permanent (it names the stored value)."""
    require_permission(actor, "customers.add_customfield")
    key = key.strip().lower()
    if not KEY_PATTERN.match(key):
        raise ValidationFailed(
            _("Check the highlighted fields."),
            fields={
                "key": [_("Use lowercase letters, digits and underscores, starting with a letter.")]
            },
        )
    label, cleaned = _checked(label=label, field_type=field_type, choices=choices)
    with transaction.atomic():
        if CustomField.objects.filter(key=key).exists():
            raise ValidationFailed(
                _("Check the highlighted fields."),
                fields={"key": [_("A field with this key already exists.")]},
            )
        field = CustomField.objects.create(
            key=key,
            label=label,
            field_type=field_type,
            choices=cleaned,
            is_required=is_required,
            position=position,
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=field,
            changes=diff({}, snapshot(field, AUDITED)),
        )
    return field


def update_custom_field(
    *,
    actor: Any,
    field: CustomField,
    label: str,
    field_type: str,
    choices: Sequence[str] = (),
    is_required: bool = False,
    position: int = 0,
) -> CustomField:
    """Change a field's label, type, choices, order or whether it is required."""
    require_permission(actor, "customers.change_customfield")
    label, cleaned = _checked(label=label, field_type=field_type, choices=choices)
    with transaction.atomic():
        locked = CustomField.objects.select_for_update().get(pk=field.pk)
        before = snapshot(locked, AUDITED)
        locked.label, locked.field_type, locked.choices = label, field_type, cleaned
        locked.is_required, locked.position = is_required, position
        locked.save()
        changes = diff(before, snapshot(locked, AUDITED))
        if changes:
            record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes)
    return locked
