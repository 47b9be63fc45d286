"""Checking import rows (导入校验): the header layout, each row's cells, and duplicates of
phones and member numbers within the file and against the archive. Errors are
``{"row": N, "field": header, "message": text}`` with spreadsheet row numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from kefu.core.clock import today
from kefu.customers import columns, customvalues, labels
from kefu.customers.cells import (
    CellError,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_email,
    parse_id_number,
    parse_int,
    parse_member_number,
    parse_phone,
    parse_text,
    required_text,
    split_tags,
)
from kefu.customers.choices import DuplicatePolicy
from kefu.customers.customvalues import FieldSpec
from kefu.customers.models import Customer

QUERY_CHUNK = 500  # values in one IN (…) lookup
HEADER_ROW = 1

ErrorList = list[dict[str, Any]]


# --- the header -------------------------------------------------------------------------------


@dataclass
class Layout:
    """Which column holds which field."""

    fields: list[tuple[int, str, str]] = field(default_factory=list)  # index, field, header
    custom: list[tuple[int, FieldSpec, str]] = field(default_factory=list)


def read_header(
    cells: Iterable[Any], specs: list[FieldSpec], row: int = HEADER_ROW
) -> tuple[Layout, ErrorList]:
    """Map the header row's names to fields; errors for unknown, repeated or missing columns."""
    layout = Layout()
    errors: ErrorList = []
    custom_by_name = {
        columns.normalize_header(name): spec for spec in specs for name in (spec.label, spec.key)
    }
    ignored = {columns.normalize_header(h) for h in columns.EXPORT_ONLY_HEADERS}
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        header = parse_text(cell)
        key = columns.normalize_header(header)
        if not key or key in ignored:
            continue
        target = columns.HEADER_TO_FIELD.get(key) or (
            f"custom:{custom_by_name[key].key}" if key in custom_by_name else ""
        )
        if not target:
            errors.append(error_entry(row, header, _("Unknown column.")))
        elif target in seen:
            errors.append(error_entry(row, header, _("This column appears twice.")))
        elif target.startswith("custom:"):
            seen[target] = header
            layout.custom.append((index, custom_by_name[key], header))
        else:
            seen[target] = header
            layout.fields.append((index, target, header))
    if "name" not in seen:
        name_header = columns.COLUMN_BY_FIELD["name"].header
        errors.append(error_entry(row, name_header, _("The file needs this column.")))
    for spec in specs:
        if spec.is_required and f"custom:{spec.key}" not in seen:
            errors.append(error_entry(row, spec.label, _("The file needs this column.")))
    return layout, errors


def error_entry(row: int, header: str, message: str) -> dict[str, Any]:
    return {"row": row, "field": header, "message": message}


# --- rows -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """One checked row: the values to store, or the reasons it cannot be stored."""

    row: int
    values: dict[str, Any]
    tags: list[str]
    custom: dict[str, Any]
    errors: ErrorList


def _birthday(value: Any) -> Any:
    parsed = parse_date(value)
    if parsed and parsed > today():
        raise CellError(_("The birthday cannot be in the future."))
    return parsed


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "name": required_text,
    "kind": labels.parse_kind,
    "gender": labels.parse_gender,
    "phone": parse_phone,
    "email": parse_email,
    "birthday": _birthday,
    "id_number": parse_id_number,
    "address": parse_text,
    "company": parse_text,
    "source_channel": labels.parse_source_channel,
    "notes": parse_text,
    "member_number": parse_member_number,
    "member_joined_on": parse_date,
    "member_day": lambda v: parse_int(v, low=1, high=31),
    "member_expires_on": parse_date,
    "spend_12m": parse_decimal,
    "visits_12m": parse_int,
    "grade": labels.parse_grade,
    "vip_level": lambda v: parse_int(v, high=32767),
    "marketing_consent": parse_bool,
}


def _max_lengths() -> dict[str, int]:
    lengths: dict[str, int] = {}
    for model_field in Customer._meta.concrete_fields:
        if isinstance(model_field, models.CharField) and model_field.max_length:
            lengths[model_field.name] = model_field.max_length
    return lengths


class RowChecker:
    """Checks rows one at a time against the header layout (no queries)."""

    def __init__(self, layout: Layout, owners: dict[str, int]) -> None:
        self.layout = layout
        self.owners = owners
        self.lengths = _max_lengths()
        self.tag_length = 50

    def check(self, number: int, cells: tuple[Any, ...]) -> Candidate:
        values: dict[str, Any] = {}
        errors: ErrorList = []
        tags: list[str] = []
        width = len(cells)
        for index, name, header in self.layout.fields:
            cell = cells[index] if index < width else None
            try:
                if name == "tags":
                    tags = split_tags(cell)
                    if any(len(tag) > self.tag_length for tag in tags):
                        raise CellError(
                            _("A tag has at most %(max)d characters.") % {"max": self.tag_length}
                        )
                    continue
                if name == "owner":
                    values["owner_id"] = self._owner(cell)
                    continue
                value = _PARSERS[name](cell)
            except CellError as exc:
                errors.append(error_entry(number, header, exc.message))
                continue
            limit = self.lengths.get(name)
            if limit and isinstance(value, str) and len(value) > limit:
                message = _("Ensure this value has at most %(max)d characters.") % {"max": limit}
                errors.append(error_entry(number, header, message))
                continue
            if value is not None:
                values[name] = value
        joined, expires = values.get("member_joined_on"), values.get("member_expires_on")
        if joined and expires and expires < joined:
            header = columns.COLUMN_BY_FIELD["member_expires_on"].header
            errors.append(
                error_entry(number, header, _("Membership cannot expire before it starts."))
            )
        custom: dict[str, Any] = {}
        for index, spec, header in self.layout.custom:
            cell = cells[index] if index < width else None
            try:
                stored = customvalues.clean_custom_value(spec, cell)
            except CellError as exc:
                errors.append(error_entry(number, header, exc.message))
                continue
            if stored is not None:
                custom[spec.key] = stored
            elif spec.is_required:
                errors.append(error_entry(number, header, _("This field is required.")))
        return Candidate(row=number, values=values, tags=tags, custom=custom, errors=errors)

    def _owner(self, cell: Any) -> int | None:
        username = parse_text(cell)
        if not username:
            return None
        try:
            return self.owners[username.casefold()]
        except KeyError:
            raise CellError(_("No active user has this username.")) from None


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class DuplicateChecker:
    """Phones and member numbers seen earlier in the file or already in the archive."""

    def __init__(self, policy: str, headers: dict[str, str]) -> None:
        self.policy = policy
        self.headers = headers
        self.phone_rows: dict[str, int] = {}
        self.member_rows: dict[str, int] = {}
        self.skipped = 0

    def check_block(self, block: list[Candidate]) -> list[Candidate]:
        """The rows of ``block`` that are not skipped, with duplicate errors added."""
        phones = {c.values["phone"] for c in block if c.values.get("phone")}
        numbers = {c.values["member_number"] for c in block if c.values.get("member_number")}
        existing_phones = self._existing(
            Customer.objects.filter(is_active=True), "phone", phones - set(self.phone_rows)
        )
        existing_numbers = self._existing(
            Customer.objects.all(), "member_number", numbers - set(self.member_rows)
        )
        kept: list[Candidate] = []
        for candidate in block:
            phone = candidate.values.get("phone")
            if phone:
                duplicate = self._phone_duplicate(phone, existing_phones)
                if duplicate and self.policy == DuplicatePolicy.SKIP:
                    self.skipped += 1
                    continue
                if duplicate:
                    candidate.errors.append(
                        error_entry(candidate.row, self._header("phone"), duplicate)
                    )
                else:
                    self.phone_rows[phone] = candidate.row
            number = candidate.values.get("member_number")
            if number:
                problem = self._member_duplicate(number, existing_numbers)
                if problem:
                    header = self._header("member_number")
                    candidate.errors.append(error_entry(candidate.row, header, problem))
                else:
                    self.member_rows[number] = candidate.row
            kept.append(candidate)
        return kept

    def _header(self, name: str) -> str:
        return self.headers.get(name) or columns.COLUMN_BY_FIELD[name].header

    @staticmethod
    def _existing(
        queryset: models.QuerySet[Customer], field_name: str, values: set[str]
    ) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for chunk in chunks(sorted(values), QUERY_CHUNK):
            matches = (
                queryset.filter(**{f"{field_name}__in": chunk})
                .order_by("id")
                .values_list(field_name, "pk", "name")
            )
            for value, pk, name in matches:
                found.setdefault(value, (pk, name))
        return found

    def _phone_duplicate(self, phone: str, existing: dict[str, tuple[int, str]]) -> str:
        if phone in self.phone_rows:
            return _("The same phone is on row %(row)d.") % {"row": self.phone_rows[phone]}
        if phone in existing:
            pk, name = existing[phone]
            return _("Customer %(name)s (ID %(id)d) already has this phone.") % {
                "name": name,
                "id": pk,
            }
        return ""

    def _member_duplicate(self, number: str, existing: dict[str, tuple[int, str]]) -> str:
        if number in self.member_rows:
            return _("The same member number is on row %(row)d.") % {
                "row": self.member_rows[number]
            }
        if number in existing:
            pk, name = existing[number]
            return _("Customer %(name)s (ID %(id)d) already has this member number.") % {
                "name": name,
                "id": pk,
            }
        return ""
