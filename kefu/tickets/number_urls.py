"""Work order links by number (工单链接): one URL pattern reversed per page, not per row."""

from __future__ import annotations

import re

from django.urls import reverse

_NUMBER = "TS00000000-0000"
_PLAIN = re.compile(r"[A-Za-z0-9-]+")


class NumberUrl:
    """``reverse(view, args=[number])`` without resolving the pattern per row: a work order
    number is letters, digits and ``-`` only, so it goes into the URL as is (anything else
    is reversed the ordinary way)."""

    def __init__(self, view: str = "tickets:detail") -> None:
        self.view = view
        self.head, _, self.tail = reverse(view, args=[_NUMBER]).rpartition(_NUMBER)

    def __call__(self, number: str) -> str:
        if not _PLAIN.fullmatch(number):
            return reverse(self.view, args=[number])
        return f"{self.head}{number}{self.tail}"
