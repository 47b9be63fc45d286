"""Pinyin keys (拼音检索): pinyin and initials of Chinese names, for search like 张三 ← "zs".

pypinyin is imported on the first name keyed, not with the app: its dictionaries hold about
55 MB, and a web worker that only reads (queues, customer pages, search) never needs them.
"""

from __future__ import annotations


def pinyin_keys(text: str) -> tuple[str, str]:
    """Return (full pinyin, initials), lowercase, letters and digits only.

    Non-Chinese characters pass through, so "Li Lei" gives ("lilei", "ll").
    """
    if not text:
        return "", ""
    from pypinyin import lazy_pinyin  # heavy: loaded on first use

    syllables = lazy_pinyin(text, errors=lambda chars: " ".join(chars.lower().split()))
    words = [w for s in syllables for w in s.split() if w]
    full = "".join(ch for ch in "".join(words).lower() if ch.isalnum())
    initials = "".join(w[0].lower() for w in words if w and w[0].isalnum())
    return full, initials


def initials_of(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # heavy: loaded on first use

    return "".join(
        s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore") if s
    ).lower()
