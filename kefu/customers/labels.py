"""Coded values in sheets (表格编码值): the Chinese labels of kinds, genders and source
channels, and parsing them (or the codes, or common synonyms) back; grades A/B/C.
Pure: no ORM; errors are ``CellError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kefu.customers.cells import CellError, parse_text
from kefu.customers.grading import GRADES

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
GENDER_LABELS = {"male": "男", "female": "女", "unknown": ""}

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


def _code(value: Any, codes: Mapping[str, str], blank: str) -> str | None:
    """The code for a cell's label, ``blank`` for an empty cell, None when unknown."""
    text = parse_text(value).casefold()
    return codes.get(text) if text else blank


def parse_gender(value: Any) -> str:
    code = _code(value, _GENDERS, "unknown")
    if code is None:
        raise CellError(_("Enter 男 or 女 (male or female)."))
    return code


def parse_kind(value: Any) -> str:
    code = _code(value, _KINDS, "person")
    if code is None:
        raise CellError(_("Enter 个人 or 组织 (person or organisation)."))
    return code


def parse_source_channel(value: Any) -> str:
    code = _code(value, _SOURCES, "")
    if code is None:
        raise CellError(
            _("Unknown source channel; use one of: %(choices)s.")
            % {"choices": " / ".join(SOURCE_LABELS.values())}
        )
    return code


def parse_grade(value: Any) -> str:
    """ "" when blank, else A, B or C."""
    text = parse_text(value).upper()
    if not text:
        return ""
    if text not in GRADES:
        raise CellError(_("Enter grade A, B or C."))
    return text
