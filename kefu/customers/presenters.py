"""How customers are shown (客户展示): masked personal data for lists, pages and exports.

Everyone sees masked values; the unmasked ones come only from
``kefu.customers.services.reveal_personal_data``, which writes the audit row.
"""

from __future__ import annotations

from kefu.core.masking import mask_email, mask_id_number, mask_phone
from kefu.customers.models import Customer


def masked_phone(customer: Customer) -> str:
    """138****5678"""
    return mask_phone(customer.phone)


def masked_id_number(customer: Customer) -> str:
    """110**********1234"""
    return mask_id_number(customer.id_number)


def masked_email(customer: Customer) -> str:
    """z***@example.com"""
    return mask_email(customer.email)
