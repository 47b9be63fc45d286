"""Personalising a message (个性化): a customer's values for the template variables."""

from __future__ import annotations

from kefu.campaigns.rendering import render
from kefu.customers.models import Customer


def customer_values(customer: Customer) -> dict[str, str]:
    birthday = customer.birthday
    expires = customer.member_expires_on
    return {
        "name": customer.name,
        "member_number": customer.member_number or "",
        "grade": customer.grade,
        "birthday": f"{birthday.month}月{birthday.day}日" if birthday else "",
        "member_day": str(customer.member_day or ""),
        "member_expires_on": expires.isoformat() if expires else "",
    }


def personalize(text: str, customer: Customer) -> str:
    return render(text, customer_values(customer))
