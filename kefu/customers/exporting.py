"""Customer export (客户导出): an .xlsx of the given customers, masked unless revealed.

The sheet has the import's Chinese headers, so an unmasked export can be imported again.
Every export writes an EXPORT audit row; an unmasked one also a REVEAL row with the reason.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.errors import NotPermitted
from kefu.customers import columns, labels
from kefu.customers.auditing import require_permission
from kefu.customers.customvalues import FieldSpec
from kefu.customers.models import Customer
from kefu.customers.presenters import masked_email, masked_id_number, masked_phone
from kefu.customers.services import custom_field_specs

CREATED_HEADER = "创建时间"
CHUNK = 2000


def export_customers_xlsx(
    *,
    actor: Any,
    queryset: models.QuerySet[Customer],
    reveal_reason: str = "",
    filters: Mapping[str, Any] | None = None,
) -> bytes:
    """The customers of ``queryset`` (already scoped by the caller) as an .xlsx file.

    Needs ``customers.export_customer``. Phone, ID number and email are masked unless the
    actor may reveal personal data and gives ``reveal_reason``. ``filters`` (what the list
    was filtered by) goes into the audit row.
    """
    require_permission(actor, "customers.export_customer")
    reason = (reveal_reason or "").strip()
    if reason and not actor.has_perm("customers.reveal_personal_data"):
        raise NotPermitted(_("You may not export unmasked personal data."))
    reveal = bool(reason)
    specs = custom_field_specs()
    from openpyxl import Workbook  # openpyxl loads on demand (worker memory)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    sheet.append(columns.header_row([spec.label for spec in specs]) + [CREATED_HEADER])
    count = 0
    customers = queryset.select_related("owner").prefetch_related("tags")
    for customer in customers.iterator(chunk_size=CHUNK):
        sheet.append([columns.safe_cell(value) for value in _cells(customer, specs, reveal)])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    label = _("Export of %(count)d customers") % {"count": count}
    with transaction.atomic():
        if reveal:
            record(
                actor=actor,
                action=AuditAction.REVEAL,
                object_type=Customer._meta.label_lower,
                object_repr=label,
                changes={"rows": count, "fields": ["phone", "id_number", "email"]},
                reason=reason,
            )
        record(
            actor=actor,
            action=AuditAction.EXPORT,
            object_type=Customer._meta.label_lower,
            object_repr=label,
            changes={"rows": count, "filters": dict(filters or {}), "revealed": reveal},
            reason=reason if reveal else "",
        )
    return buffer.getvalue()


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _custom_cell(value: Any) -> Any:
    return value if isinstance(value, str | int | float) else str(value)


def _cells(customer: Customer, specs: list[FieldSpec], reveal: bool) -> list[Any]:
    by_field: dict[str, Any] = {
        "name": customer.name,
        "kind": labels.KIND_LABELS.get(customer.kind, customer.kind),
        "gender": labels.GENDER_LABELS.get(customer.gender, ""),
        "phone": customer.phone if reveal else masked_phone(customer),
        "email": customer.email if reveal else masked_email(customer),
        "birthday": _date(customer.birthday),
        "id_number": customer.id_number if reveal else masked_id_number(customer),
        "address": customer.address,
        "company": customer.company,
        "source_channel": labels.SOURCE_LABELS.get(customer.source_channel, ""),
        "owner": customer.owner.get_username() if customer.owner else "",
        "tags": "，".join(tag.name for tag in customer.tags.all()),
        "member_number": customer.member_number or "",
        "member_joined_on": _date(customer.member_joined_on),
        "member_day": customer.member_day,
        "member_expires_on": _date(customer.member_expires_on),
        "spend_12m": customer.spend_12m,
        "visits_12m": customer.visits_12m,
        "grade": customer.grade,
        "vip_level": customer.vip_level,
        "marketing_consent": "是" if customer.marketing_consent else "否",
        "notes": customer.notes,
    }
    custom = customer.custom_fields or {}
    created = timezone.localtime(customer.created_at).strftime("%Y-%m-%d %H:%M")
    return (
        [by_field[column.field] for column in columns.COLUMNS]
        + [_custom_cell(custom.get(spec.key, "")) for spec in specs]
        + [created]
    )
