"""Steps every organisation writer shares (组织写入公共步骤); internal to ``kefu.org.services``.

:func:`write` is the one place that applies changes, validates the whole new state, saves and
appends the audit entry with before → after.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.core.masking import mask_phone
from kefu.org.models import Staff

M = TypeVar("M", bound=models.Model)
Errors = dict[str, list[str]]
Rules = Callable[[M], Errors]

# Personal data is written to the audit log masked.
MASKED_FIELDS: dict[str, Callable[[str], str]] = {"phone": mask_phone}
TEXT_FIELDS = frozenset(
    {
        "name",
        "code",
        "title",
        "employee_number",
        "email",
        "description",
        "obligations",
        "purpose",
        "duties",
        "qualifications",
        "kpis",
    }
)


def require(actor: User | None, perm: str) -> None:
    """``actor`` None is the system itself (migrations, presets, the CLI)."""
    if actor is not None and not actor.has_perm(perm):
        raise NotPermitted(_("You are not allowed to do this."))


def write(
    actor: User | None,
    obj: M,
    data: Mapping[str, Any],
    fields: tuple[str, ...],
    rules: Rules[M],
    refused: Errors | None = None,
) -> M:
    """Apply ``data`` to ``obj`` (a new, unsaved row or a saved one), check the whole new state,
    save it and audit before → after, in one transaction. An update that changes nothing is
    neither saved nor audited."""
    creating = obj.pk is None
    with transaction.atomic():
        # An update works on a fresh, locked copy: the caller's instance stays untouched if the
        # update is refused.
        row: M = obj if creating else type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        before = None if creating else snapshot(row, fields)
        _assign(row, data, fields)
        _validate(row, fields, rules, refused)
        changes = _audit_changes(before, snapshot(row, fields))
        if not creating and not changes:
            return row
        _save(row)
        action = AuditAction.CREATE if creating else AuditAction.UPDATE
        record(actor=actor, action=action, obj=row, changes=changes)
    return row


def taken(model: type[models.Model], obj: models.Model, **lookup: Any) -> bool:
    """Whether another row than ``obj`` matches ``lookup`` (a unique code or number)."""
    rows = model._default_manager.filter(**lookup)
    if obj.pk is not None:
        rows = rows.exclude(pk=obj.pk)
    return rows.exists()


def closes_cycle(
    model: type[models.Model], pk: int | None, new_parent_id: int, parent_field: str
) -> bool:
    """Whether pointing row ``pk`` at ``new_parent_id`` would make it its own ancestor."""
    if pk is None:
        return False
    parents: dict[int, int | None] = dict(
        model._default_manager.values_list("id", parent_field)  # one query for the whole tree
    )
    seen: set[int] = set()
    node: int | None = new_parent_id
    while node is not None and node not in seen:
        if node == pk:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def has_staff_elsewhere(pk: int | None, department_id: int | None, field: str) -> bool:
    """Whether staff members outside ``department_id`` point at saved row ``pk`` by ``field``
    (``team_id``, ``position_id``)."""
    if pk is None or department_id is None:
        return False
    return Staff.objects.filter(**{field: pk}).exclude(department_id=department_id).exists()


def _assign(obj: models.Model, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"unknown fields for {type(obj).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        if name in TEXT_FIELDS and isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)


def _validate(obj: M, fields: tuple[str, ...], rules: Rules[M], refused: Errors | None) -> None:
    """Values the caller's normaliser refused, field rules (required, length, choices, slugs,
    e-mail), then the business rules; all reported together, one list per field."""
    errors: Errors = {name: list(messages) for name, messages in (refused or {}).items()}
    exclude = {f.name for f in obj._meta.fields if f.name not in fields} | set(errors)
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for name, messages in rules(obj).items():
        if name not in errors:
            errors[name] = messages
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)


def _save(obj: models.Model) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        # Two writers passed the uniqueness checks at the same moment.
        raise Conflict(
            _("Another record with the same code or number was saved just now. Try again.")
        ) from exc


def _audit_changes(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]}, personal data masked; a new row (``before`` None) lists the
    fields it sets."""
    if before is None:
        masked = {name: _masked(name, value) for name, value in after.items()}
        return {name: [None, v] for name, v in masked.items() if v not in (None, "", [])}
    # Compared unmasked: two numbers may differ only in their hidden digits.
    changes = diff(before, after)
    return {name: [_masked(name, value) for value in pair] for name, pair in changes.items()}


def _masked(name: str, value: Any) -> Any:
    mask = MASKED_FIELDS.get(name)
    return value if mask is None else mask(str(value or ""))
