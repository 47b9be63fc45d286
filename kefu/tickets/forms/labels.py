"""Labels in the active language (当前语言标签) for the workflow's bilingual texts."""

from __future__ import annotations

from django.utils.translation import get_language

from kefu.tickets.models import TicketType
from kefu.tickets.vocabulary import Text


def is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def pick(zh: str, en: str) -> str:
    """The Chinese or the English text, by the active language."""
    return zh if is_chinese() else en


def text(value: Text) -> str:
    return pick(value.zh, value.en)


def type_name(ticket_type: TicketType) -> str:
    return pick(ticket_type.name_zh, ticket_type.name_en)
