"""Phone numbers (电话号码): normalised by the phonenumbers library, China by default."""

from __future__ import annotations

import phonenumbers


class InvalidPhone(ValueError):
    pass


def normalize_phone(raw: str, region: str = "CN") -> str:
    """Return the national significant number for Chinese numbers, E.164 for foreign ones."""
    text = (raw or "").strip()
    if not text:
        return ""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(text) from exc
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidPhone(text)
    if parsed.country_code == 86:
        return str(phonenumbers.national_significant_number(parsed))
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def last4(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-4:]
