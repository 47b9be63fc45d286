"""Sheet columns (表格列): the import/export columns of the customer sheet, their Chinese
headers and aliases, header matching, and export-safe cell values. Pure: no ORM.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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
