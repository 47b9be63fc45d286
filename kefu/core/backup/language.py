"""Command language (命令语言): the language of ``kefu backup|restore`` messages from the locale.

The process locale decides (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, as gettext does):
``zh_CN.UTF-8`` → Chinese, ``en_US.UTF-8`` → English; ``C``, ``POSIX`` or nothing → the site's
default language.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = {"zh": "zh-hans", "en": "en"}


def command_language(environ: Mapping[str, str], default: str) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return LANGUAGES.get(value[:2].lower(), default)
    return default
