"""Spreadsheet rows (表格行): columns, header names and cell parsing for customer import and
export, and the checking of custom field values. Pure: no ORM; errors are ``CellError``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.core.pinyin import pinyin_keys
from kefu.customers.grading import GRADES


class CellError(ValueError):
    """A cell or value cannot be used; ``message`` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """A column of the import/export sheet: the Customer field, its Chinese header, aliases."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    hint: str = ""


# In sheet order. ``hint`` describes the format on the template's instructions sheet.
COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("客户姓名", "客户名称", "名称", "name"), required=True),
    Column("kind", "类型", ("客户类型", "kind", "type"), hint="个人 / 组织"),
    Column("gender", "性别", ("gender", "sex"), hint="男 / 女"),
    Column(
        "phone",
        "手机",
        ("手机号", "手机号码", "电话", "联系电话", "phone", "mobile"),
        hint="13812345678",
    ),
    Column("email", "邮箱", ("电子邮箱", "电子邮件", "email", "e-mail", "mail")),
    Column("birthday", "生日", ("出生日期", "birthday", "dateofbirth"), hint="1990-01-31"),
    Column("id_number", "证件号", ("证件号码", "身份证号", "身份证", "idnumber")),
    Column("address", "地址", ("联系地址", "address")),
    Column("company", "公司", ("单位", "工作单位", "company")),
    Column(
        "source_channel",
        "来源渠道",
        ("来源", "source", "sourcechannel"),
        hint="电话 / 到店 / 网站 / 微信 / 转介绍 / 活动 / 其他",
    ),
    Column("owner", "客户经理", ("owner", "customermanager"), hint="用户名"),
    Column("tags", "标签", ("tags", "tag"), hint="老客户，VIP"),
    Column("member_number", "会员号", ("会员编号", "会员卡号", "membernumber")),
    Column("member_joined_on", "入会日期", ("membersince", "memberjoinedon"), hint="2024-01-31"),
    Column("member_day", "会员日", ("memberday",), hint="1–31"),
    Column(
        "member_expires_on",
        "会员到期日",
        ("会员到期", "到期日期", "memberexpireson"),
        hint="2025-01-31",
    ),
    Column("spend_12m", "近12个月消费", ("spend12m", "spend"), hint="12800.50"),
    Column("visits_12m", "近12个月到店次数", ("visits12m", "visits"), hint="8"),
    Column("grade", "等级", ("客户等级", "grade"), hint="A / B / C"),
    Column("vip_level", "VIP等级", ("viplevel",), hint="0–9"),
    Column("marketing_consent", "同意营销", ("marketingconsent",), hint="是 / 否"),
    Column("notes", "备注", ("notes", "note", "remark")),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}
# Written by the export, harmless on the way back in.
EXPORT_ONLY_HEADERS: tuple[str, ...] = ("创建时间", "createdat", "客户编号", "id")


def normalize_header(text: Any) -> str:
    """Lower-case, without spaces, underscores, hyphens, stars and a "(必填)" mark."""
    raw = "" if text is None else str(text)
    raw = re.sub(r"[（(]\s*必填\s*[)）]", "", raw)
    return re.sub(r"[\s_\-*＊]", "", raw).casefold()


HEADER_TO_FIELD: dict[str, str] = {
    normalize_header(name): column.field
    for column in COLUMNS
    for name in (column.header, column.field, *column.aliases)
}


# --- cells --------------------------------------------------------------------------------


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


_GENDERS = {
    "男": "male",
    "男性": "male",
    "先生": "male",
    "m": "male",
    "male": "male",
    "女": "female",
    "女性": "female",
    "女士": "female",
    "f": "female",
    "female": "female",
    "未知": "unknown",
    "unknown": "unknown",
}


def parse_gender(value: Any) -> str:
    text = parse_text(value).casefold()
    if not text:
        return "unknown"
    try:
        return _GENDERS[text]
    except KeyError:
        raise CellError(_("Enter 男 or 女 (male or female).")) from None


_KINDS = {
    "个人": "person",
    "person": "person",
    "组织": "organisation",
    "企业": "organisation",
    "单位": "organisation",
    "公司": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
}
KIND_LABELS = {"person": "个人", "organisation": "组织"}


def parse_kind(value: Any) -> str:
    text = parse_text(value).casefold()
    if not text:
        return "person"
    try:
        return _KINDS[text]
    except KeyError:
        raise CellError(_("Enter 个人 or 组织 (person or organisation).")) from None


SOURCE_LABELS = {
    "phone": "电话",
    "walk_in": "到店",
    "web": "网站",
    "wechat": "微信",
    "referral": "转介绍",
    "event": "活动",
    "import": "导入",
    "other": "其他",
}
_SOURCES = {
    **{label: code for code, label in SOURCE_LABELS.items()},
    **{code: code for code in SOURCE_LABELS},
    "来电": "phone",
    "walk-in": "walk_in",
    "walkin": "walk_in",
    "网络": "web",
    "官网": "web",
    "推荐": "referral",
    "介绍": "referral",
}
GENDER_LABELS = {"male": "男", "female": "女", "unknown": ""}


def parse_source_channel(value: Any) -> str:
    text = parse_text(value).casefold()
    if not text:
        return ""
    try:
        return _SOURCES[text]
    except KeyError:
        raise CellError(
            _("Unknown source channel; use one of: %(choices)s.")
            % {"choices": " / ".join(SOURCE_LABELS.values())}
        ) from None


def parse_grade(value: Any) -> str:
    """ "" when blank, else A, B or C."""
    text = parse_text(value).upper()
    if not text:
        return ""
    if text not in GRADES:
        raise CellError(_("Enter grade A, B or C."))
    return text


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


@lru_cache(maxsize=65536)
def cached_pinyin_keys(name: str) -> tuple[str, str]:
    """``kefu.core.pinyin.pinyin_keys`` remembered per name (names repeat: 王伟, 李娜 …)."""
    return pinyin_keys(name)


# --- custom fields ---------------------------------------------------------------------------

CUSTOM_TEXT_MAX = 500


@dataclass(frozen=True)
class FieldSpec:
    """The definition of a custom field, as plain data."""

    key: str
    label: str
    field_type: str
    choices: tuple[str, ...] = ()
    is_required: bool = False


def clean_custom_value(spec: FieldSpec, value: Any) -> Any:
    """The JSON value to store for ``value`` (None when blank); CellError when invalid."""
    if is_blank(value):
        return None
    if spec.field_type == "number":
        if isinstance(value, bool):
            raise CellError(_("Enter a number."))
        text = parse_text(value).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_("Enter a number.")) from None
        if not number.is_finite():
            raise CellError(_("Enter a number."))
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.field_type == "date":
        parsed = parse_date(value)
        return parsed.isoformat() if parsed else None
    text = parse_text(value)
    if spec.field_type == "choice":
        if text not in spec.choices:
            raise CellError(
                _("Choose one of: %(choices)s.") % {"choices": " / ".join(spec.choices)}
            )
        return text
    if len(text) > CUSTOM_TEXT_MAX:
        raise CellError(
            _("Ensure this value has at most %(max)d characters.") % {"max": CUSTOM_TEXT_MAX}
        )
    return text


def clean_custom_fields(
    values: Mapping[str, Any], specs: Iterable[FieldSpec]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check a whole set of custom values: (values to store, {key: message}).

    Unknown keys and missing required values are errors; blank values are left out.
    """
    by_key = {spec.key: spec for spec in specs}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        spec = by_key.get(key)
        if spec is None:
            errors[key] = _("Unknown custom field.")
            continue
        try:
            stored = clean_custom_value(spec, value)
        except CellError as exc:
            errors[key] = exc.message
            continue
        if stored is not None:
            cleaned[key] = stored
    for spec in by_key.values():
        if spec.is_required and spec.key not in cleaned and spec.key not in errors:
            errors[spec.key] = _("This field is required.")
    return cleaned, errors


# --- export ----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will not run as a formula: text starting with
    = + - @ tab or CR gets a leading apostrophe; control characters are dropped."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL_XML.sub("", value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def header_row(extra: Sequence[str] = ()) -> list[str]:
    return [column.header for column in COLUMNS] + list(extra)
