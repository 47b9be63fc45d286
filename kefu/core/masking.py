"""Personal-data masking (脱敏): pure functions, no ORM.

Phones keep the first three and last four digits (138****5678); ID numbers keep the first
three and last four characters. Short values are masked whole so nothing leaks.
"""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    if not phone:
        return ""
    prefix = "+" if phone.startswith("+") else ""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if prefix and digits.startswith("86") and len(digits) == 13:
        digits, prefix = digits[2:], ""
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{prefix}{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return value
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"
