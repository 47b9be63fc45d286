"""The customer form (客户表单): create and edit, tags as text, custom fields from definitions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.customers import cells
from kefu.customers.choices import CustomerKind, CustomFieldType, Gender, SourceChannel
from kefu.customers.models import Customer, CustomField
from kefu.customers.presenters import masked_email, masked_id_number, masked_phone

OWNER_ROLES = ("admin", "manager", "supervisor", "agent")
# Personal data never put back into a form: a user edits it blind, or leaves it as it is.
SENSITIVE_FIELDS = ("phone", "id_number", "email")
CUSTOM_PREFIX = "cf_"
MAIN_FIELDS = (
    "kind",
    "name",
    "gender",
    "phone",
    "email",
    "birthday",
    "id_number",
    "company",
    "address",
    "source_channel",
    "owner",
)
MEMBERSHIP_FIELDS = (
    "member_number",
    "member_joined_on",
    "member_day",
    "member_expires_on",
    "vip_level",
    "spend_12m",
    "visits_12m",
)
# Fields that go from the form to the service, and from the customer to the form, unchanged.
PLAIN_FIELDS = (
    "kind",
    "name",
    "gender",
    "birthday",
    "address",
    "company",
    "source_channel",
    "notes",
    "member_joined_on",
    "member_day",
    "member_expires_on",
    "vip_level",
    "spend_12m",
    "visits_12m",
    "marketing_consent",
)


class DateInput(forms.DateInput):
    input_type = "date"


def owner_choices() -> Any:
    return (
        User.objects.filter(is_active=True, groups__name__in=OWNER_ROLES)
        .distinct()
        .order_by("username")
    )


class CustomerForm(forms.Form):
    """Create or edit a customer. Tags are comma-separated names; custom fields come from the
    administrator's definitions as ``cf_<key>`` fields."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CustomerKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("Email"), required=False)
    birthday = forms.DateField(label=_("Birthday"), required=False, widget=DateInput)
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=30)
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    company = forms.CharField(label=_("Company"), required=False, max_length=100)
    source_channel = forms.ChoiceField(
        label=_("Source channel"),
        required=False,
        choices=[("", "—"), *SourceChannel.choices],
    )
    owner = forms.ModelChoiceField(
        label=_("Customer manager"), required=False, queryset=User.objects.none()
    )
    member_number = forms.CharField(label=_("Member number"), required=False, max_length=30)
    member_joined_on = forms.DateField(label=_("Member since"), required=False, widget=DateInput)
    member_day = forms.IntegerField(
        label=_("Member day"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("Day of the month, 1–31."),
    )
    member_expires_on = forms.DateField(
        label=_("Membership expires on"), required=False, widget=DateInput
    )
    vip_level = forms.IntegerField(label=_("VIP level"), min_value=0, max_value=99, initial=0)
    spend_12m = forms.DecimalField(
        label=_("Spend in the last 12 months"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0"),
    )
    visits_12m = forms.IntegerField(
        label=_("Visits in the last 12 months"), min_value=0, max_value=100000, initial=0
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separate tags with commas."),
    )
    marketing_consent = forms.BooleanField(
        label=_("Consents to marketing messages"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea
    )

    def __init__(
        self,
        *args: Any,
        custom_fields: Sequence[CustomField] = (),
        customer: Customer | None = None,
        **kwargs: Any,
    ) -> None:
        if customer is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(customer)
        super().__init__(*args, **kwargs)
        self.customer = customer
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owner_choices()
        self.custom_definitions = list(custom_fields)
        for definition in self.custom_definitions:
            self.fields[CUSTOM_PREFIX + definition.key] = custom_form_field(definition)
        if customer is not None:
            current = {
                "phone": masked_phone(customer),
                "id_number": masked_id_number(customer),
                "email": masked_email(customer),
            }
            for name in SENSITIVE_FIELDS:
                if current[name]:
                    self.fields[name].help_text = _("Now %(value)s. Leave empty to keep it.") % {
                        "value": current[name]
                    }

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MAIN_FIELDS]

    def membership_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MEMBERSHIP_FIELDS]

    def custom_bound_fields(self) -> list[forms.BoundField]:
        return [self[CUSTOM_PREFIX + d.key] for d in self.custom_definitions]

    def service_data(self) -> dict[str, Any]:
        """``data`` for create_customer/update_customer, from the cleaned form."""
        cleaned = self.cleaned_data
        data: dict[str, Any] = {name: cleaned.get(name) for name in PLAIN_FIELDS}
        data["owner"] = cleaned.get("owner")
        data["member_number"] = cleaned.get("member_number") or None
        for name in SENSITIVE_FIELDS:
            value = cleaned.get(name) or ""
            if value or self.customer is None:
                data[name] = value
        data["tags"] = cells.split_tags(cleaned.get("tags") or "")
        # Only defined fields: a blank value removes it; values of fields no longer defined
        # stay stored (the service keeps them).
        custom = {d.key: cleaned.get(CUSTOM_PREFIX + d.key) for d in self.custom_definitions}
        data["custom_fields"] = {k: "" if v is None else v for k, v in custom.items()}
        return data

    def error_aliases(self) -> dict[str, str]:
        """Service error keys (``custom_fields.vip_room``) → form field names."""
        aliases: dict[str, str] = {}
        for definition in self.custom_definitions:
            for key in (f"custom_fields.{definition.key}", definition.key):
                aliases.setdefault(key, CUSTOM_PREFIX + definition.key)
        return aliases


def custom_form_field(definition: CustomField) -> forms.Field:
    """A form field for an administrator-defined custom field; the service checks the value."""
    label = definition.label
    required = definition.is_required
    if definition.field_type == CustomFieldType.CHOICE:
        options = [(str(c), str(c)) for c in definition.choices or []]
        return forms.ChoiceField(label=label, required=required, choices=[("", "—"), *options])
    if definition.field_type == CustomFieldType.NUMBER:
        return forms.DecimalField(label=label, required=required, max_digits=18, decimal_places=4)
    if definition.field_type == CustomFieldType.DATE:
        return forms.DateField(label=label, required=required, widget=DateInput)
    return forms.CharField(label=label, required=required, max_length=500)


def initial_for(customer: Customer) -> dict[str, Any]:
    """Form values of an existing customer, without the personal data (never prefilled)."""
    initial: dict[str, Any] = {name: getattr(customer, name) for name in PLAIN_FIELDS}
    initial["member_number"] = customer.member_number
    initial["owner"] = customer.owner_id
    initial["tags"] = ", ".join(t.name for t in customer.tags.all())
    for key, value in (customer.custom_fields or {}).items():
        initial[CUSTOM_PREFIX + key] = value
    return initial
