"""Schemas of the customer API (客户接口数据): explicit fields, unknown fields refused, personal
data masked on the way out."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from kefu.accounts.models import User
from kefu.core.errors import ValidationFailed
from kefu.core.paging import MAX_PAGE_SIZE
from kefu.customers.choices import CustomerKind, Gender, Grade, SourceChannel
from kefu.customers.models import Customer
from kefu.customers.presenters import masked_email, masked_id_number, masked_phone

TagName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
CustomValue = str | int | float | bool | None


# --- output ---------------------------------------------------------------------------------


class CustomerOut(Schema):
    id: int
    kind: str
    name: str
    gender: str
    phone: str = Field(description="Masked, e.g. 138****5678.")
    email: str = Field(description="Masked, e.g. z***@example.com.")
    id_number: str = Field(description="Masked.")
    birthday: date | None
    address: str
    company: str
    source_channel: str
    owner_id: int | None
    owner_name: str
    notes: str
    member_number: str | None
    member_joined_on: date | None
    member_day: int | None
    member_expires_on: date | None
    spend_12m: Decimal
    visits_12m: int
    grade: str
    grade_is_manual: bool
    vip_level: int
    tags: list[str]
    custom_fields: dict[str, Any]
    marketing_consent: bool
    is_active: bool
    merged_into_id: int | None
    created_at: datetime
    updated_at: datetime


class CustomerPage(Schema):
    items: list[CustomerOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class RevealIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class RevealOut(Schema):
    phone: str
    id_number: str
    email: str


class TimelineEntryOut(Schema):
    at: datetime
    kind: str
    title: str
    detail: str
    url: str | None


def customer_out(customer: Customer) -> dict[str, Any]:
    """The API's view of a customer: personal data masked. Needs owner and tags loaded."""
    return {
        "id": customer.pk,
        "kind": customer.kind,
        "name": customer.name,
        "gender": customer.gender,
        "phone": masked_phone(customer),
        "email": masked_email(customer),
        "id_number": masked_id_number(customer),
        "birthday": customer.birthday,
        "address": customer.address,
        "company": customer.company,
        "source_channel": customer.source_channel,
        "owner_id": customer.owner_id,
        "owner_name": str(customer.owner) if customer.owner else "",
        "notes": customer.notes,
        "member_number": customer.member_number,
        "member_joined_on": customer.member_joined_on,
        "member_day": customer.member_day,
        "member_expires_on": customer.member_expires_on,
        "spend_12m": customer.spend_12m,
        "visits_12m": customer.visits_12m,
        "grade": customer.grade,
        "grade_is_manual": customer.grade_is_manual,
        "vip_level": customer.vip_level,
        "tags": [t.name for t in customer.tags.all()],
        "custom_fields": customer.custom_fields or {},
        "marketing_consent": customer.marketing_consent,
        "is_active": customer.is_active,
        "merged_into_id": customer.merged_into_id,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
    }


# --- input ----------------------------------------------------------------------------------


class CustomerIn(Schema):
    """A new customer. Unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    kind: CustomerKind = CustomerKind.PERSON
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    gender: Gender = Gender.UNKNOWN
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    birthday: date | None = None
    id_number: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    company: str = Field("", max_length=100)
    source_channel: SourceChannel | None = None
    owner_id: int | None = Field(None, ge=1)
    notes: str = Field("", max_length=5000)
    member_number: str | None = Field(None, max_length=30)
    member_joined_on: date | None = None
    member_day: int | None = Field(None, ge=1, le=31)
    member_expires_on: date | None = None
    spend_12m: Decimal = Field(Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    visits_12m: int = Field(0, ge=0, le=1_000_000)
    vip_level: int = Field(0, ge=0, le=99)
    marketing_consent: bool = False
    tags: list[TagName] = Field(default_factory=list, max_length=50)
    custom_fields: dict[str, CustomValue] = Field(default_factory=dict, max_length=100)


class CustomerPatch(Schema):
    """Changed fields only; a field left out stays as it is. Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    kind: CustomerKind | None = None
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = None
    gender: Gender | None = None
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    birthday: date | None = None
    id_number: str | None = Field(None, max_length=30)
    address: str | None = Field(None, max_length=200)
    company: str | None = Field(None, max_length=100)
    source_channel: SourceChannel | None = None
    owner_id: int | None = Field(None, ge=1)
    notes: str | None = Field(None, max_length=5000)
    member_number: str | None = Field(None, max_length=30)
    member_joined_on: date | None = None
    member_day: int | None = Field(None, ge=1, le=31)
    member_expires_on: date | None = None
    spend_12m: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    visits_12m: int | None = Field(None, ge=0, le=1_000_000)
    vip_level: int | None = Field(None, ge=0, le=99)
    marketing_consent: bool | None = None
    tags: list[TagName] | None = Field(None, max_length=50)
    custom_fields: dict[str, CustomValue] | None = Field(None, max_length=100)


# Fields that may not be set to null: null means "empty" for the text fields instead.
NOT_NULL = (
    "kind",
    "name",
    "gender",
    "spend_12m",
    "visits_12m",
    "vip_level",
    "marketing_consent",
    "tags",
    "custom_fields",
)
NULL_IS_EMPTY = ("phone", "email", "id_number", "address", "company", "source_channel", "notes")


def service_data(values: dict[str, Any]) -> dict[str, Any]:
    """Turn API fields into the services' ``data``: ``owner_id`` → ``owner``, nulls checked."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    for name, value in values.items():
        if value is None and name in NOT_NULL:
            errors[name] = [_("This field cannot be null.")]
        elif value is None and name in NULL_IS_EMPTY:
            data[name] = ""
        elif name == "owner_id":
            data["owner"] = None
            if value is not None:
                owner = User.objects.filter(pk=value, is_active=True).first()
                if owner is None:
                    errors[name] = [_("No active user has this id.")]
                data["owner"] = owner
        elif name == "member_number":
            data[name] = value or None
        else:
            data[name] = value
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)
    return data


# --- query parameters ---------------------------------------------------------------------


class CustomerFilters(Schema):
    q: str = Field("", max_length=100, description="Name, pinyin, phone, last 4, member no.")
    grade: Grade | None = None
    vip_level: int | None = Field(None, ge=0, le=99)
    tag: str = Field("", max_length=50)
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class TimelineParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
