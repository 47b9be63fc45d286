"""Custom field values (自定义字段值): checking values against the administrator's field
definitions, given as plain ``FieldSpec`` data. Pure: no ORM; errors are ``CellError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from kefu.customers.cells import CellError, is_blank, parse_date, parse_text

CUSTOM_TEXT_MAX = 500


@dataclass(frozen=True)
class FieldSpec:
    """The definition of a custom field, as plain data."""

    key: str
    label: str
    field_type: str
    choices: tuple[str, ...] = ()
    is_required: bool = False


def clean_custom_value(spec: FieldSpec, value: Any) -> Any:
    """The JSON value to store for ``value`` (None when blank); CellError when invalid."""
    if is_blank(value):
        return None
    if spec.field_type == "number":
        if isinstance(value, bool):
            raise CellError(_("Enter a number."))
        text = parse_text(value).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_("Enter a number.")) from None
        if not number.is_finite():
            raise CellError(_("Enter a number."))
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.field_type == "date":
        parsed = parse_date(value)
        return parsed.isoformat() if parsed else None
    text = parse_text(value)
    if spec.field_type == "choice":
        if text not in spec.choices:
            raise CellError(
                _("Choose one of: %(choices)s.") % {"choices": " / ".join(spec.choices)}
            )
        return text
    if len(text) > CUSTOM_TEXT_MAX:
        raise CellError(
            _("Ensure this value has at most %(max)d characters.") % {"max": CUSTOM_TEXT_MAX}
        )
    return text


def clean_custom_fields(
    values: Mapping[str, Any], specs: Iterable[FieldSpec]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check a whole set of custom values: (values to store, {key: message}).

    Unknown keys and missing required values are errors; blank values are left out.
    """
    by_key = {spec.key: spec for spec in specs}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        spec = by_key.get(key)
        if spec is None:
            errors[key] = _("Unknown custom field.")
            continue
        try:
            stored = clean_custom_value(spec, value)
        except CellError as exc:
            errors[key] = exc.message
            continue
        if stored is not None:
            cleaned[key] = stored
    for spec in by_key.values():
        if spec.is_required and spec.key not in cleaned and spec.key not in errors:
            errors[spec.key] = _("This field is required.")
    return cleaned, errors
