"""Following a figure's link (跟随指标链接): how many records the list behind it shows."""

from __future__ import annotations

import html
import re
from typing import Any

ROW = re.compile(r"<tr[^>]*\bdata-record=")
NEXT = re.compile(r'<a class="button" href="([^"]+)" rel="next">')
FIGURE = re.compile(r'<a href="([^"]+)" data-figure data-count="([^"]*)">([^<]+)</a>')


def listed(client: Any, url: str) -> int:
    """Rows of the list at ``url``, across every page."""
    total, pages = 0, 0
    base = url.split("?", 1)[0]
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        page = response.content.decode()
        total += len(ROW.findall(page))
        following = NEXT.search(page)
        url = base + html.unescape(following.group(1)) if following else ""
        pages += 1
        assert pages < 100
    return total


def figures(page: str) -> list[tuple[str, int | None, str]]:
    """Every linked figure of a page: (url, how many records it says the link lists, text)."""
    return [
        (html.unescape(url), int(count) if count.isdigit() else None, text.strip())
        for url, count, text in FIGURE.findall(page)
    ]


def as_int(text: str) -> int:
    return int(text.replace(",", ""))
