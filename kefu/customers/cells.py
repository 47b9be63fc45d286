"""Spreadsheet cells (表格单元格): text, dates, numbers, yes/no, tags, email and phone from
the values of an import sheet or a service call. Pure: no ORM; errors are ``CellError``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.core.pinyin import pinyin_keys


class CellError(ValueError):
    """A cell or value cannot be used; ``message`` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Any) -> str:
    """Text of a cell: numbers without a trailing ".0", dates as YYYY-MM-DD, stripped."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def required_text(value: Any) -> str:
    text = parse_text(value)
    if not text:
        raise CellError(_("This field is required."))
    return text


_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_SERIAL_MAX = 2958465  # 9999-12-31


def parse_date(value: Any) -> dt.date | None:
    """A date from a date cell, an Excel serial number, YYYY-MM-DD (or / . 年月日) or YYYYMMDD."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= _EXCEL_SERIAL_MAX:
            from openpyxl.utils.datetime import from_excel  # openpyxl loads on demand

            converted = from_excel(value)
            if isinstance(converted, dt.datetime):
                return converted.date()
        raise CellError(_("Enter a date as YYYY-MM-DD."))
    text = str(value).strip()
    match = _DATE_RE.fullmatch(text) or _COMPACT_DATE_RE.fullmatch(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(_("Enter a date as YYYY-MM-DD."))


_TRUE = {"是", "y", "yes", "true", "1", "同意", "√"}
_FALSE = {"否", "n", "no", "false", "0", "不同意", "×"}


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = parse_text(value).casefold()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("Enter 是 or 否 (yes or no)."))


def parse_decimal(value: Any, *, max_digits: int = 12, places: int = 2) -> Decimal | None:
    """A non-negative amount with at most ``places`` decimals; "¥1,200.50" is fine."""
    if is_blank(value):
        return None
    text = parse_text(value).replace(",", "").replace("，", "").lstrip("¥￥")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Enter a number.")) from None
    if not amount.is_finite() or amount < 0:
        raise CellError(_("Enter a number that is not negative."))
    quantized = amount.quantize(Decimal(1).scaleb(-places))
    if quantized != amount or len(quantized.as_tuple().digits) > max_digits:
        raise CellError(_("Enter a number with at most %(places)d decimals.") % {"places": places})
    return quantized


def parse_int(value: Any, *, low: int = 0, high: int = 2_147_483_647) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = parse_text(value)
        if not re.fullmatch(r"[+-]?\d+", text):
            raise CellError(_("Enter a whole number."))
        number = int(text)
    if not low <= number <= high:
        raise CellError(
            _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
        )
    return number


_TAG_SPLIT = re.compile(r"[,，、;；|]")


def split_tags(value: Any) -> list[str]:
    """Tag names from "老客户，VIP" (comma, 、, semicolon or |), without blanks or repeats."""
    names = (part.strip() for part in _TAG_SPLIT.split(parse_text(value)))
    return list(dict.fromkeys(name for name in names if name))


_email_validator = EmailValidator()


def parse_email(value: Any) -> str:
    text = parse_text(value).lower()
    if not text:
        return ""
    try:
        _email_validator(text)
    except ValidationError:
        raise CellError(_("Enter a valid email address.")) from None
    return text


def parse_id_number(value: Any) -> str:
    """An ID number without spaces, letters upper-cased (the X of a resident ID)."""
    return parse_text(value).replace(" ", "").upper()


def parse_member_number(value: Any) -> str | None:
    """None when blank: member numbers are unique, blanks are not."""
    return parse_text(value) or None


# --- fast and cached normalisation -----------------------------------------------------------

_CN_MOBILE = re.compile(r"1[3-9]\d{9}")


@lru_cache(maxsize=4096)
def _normalize_phone_slow(text: str) -> str:
    normalized = normalize_phone(text)
    if not phonenumbers.is_valid_number(phonenumbers.parse(normalized, "CN")):
        raise InvalidPhone(text)
    return normalized


@lru_cache(maxsize=1024)
def _mobile_prefix_is_valid(prefix: str) -> bool:
    # Chinese mobile ranges are told apart by their first five digits at most.
    return phonenumbers.is_valid_number(phonenumbers.parse(prefix + "000000", "CN"))


def normalize_phone_fast(raw: Any) -> str:
    """A customer's phone: ``kefu.core.phones.normalize_phone`` that also must be a valid
    (not merely possible) number, so service numbers such as 12345 are refused. Plain
    Chinese mobile numbers take a shortcut. Raises CellError (translated).
    """
    text = parse_text(raw)
    if len(text) == 11 and _CN_MOBILE.fullmatch(text) and _mobile_prefix_is_valid(text[:5]):
        return text
    try:
        return _normalize_phone_slow(text)
    except (InvalidPhone, phonenumbers.NumberParseException):
        raise CellError(_("Enter a valid phone number.")) from None


def parse_phone(value: Any) -> str:
    """An empty string when blank, else ``normalize_phone_fast``."""
    return "" if is_blank(value) else normalize_phone_fast(value)


@lru_cache(maxsize=65536)
def cached_pinyin_keys(name: str) -> tuple[str, str]:
    """``kefu.core.pinyin.pinyin_keys`` remembered per name (names repeat: 王伟, 李娜 …)."""
    return pinyin_keys(name)
