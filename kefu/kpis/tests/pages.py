"""Reading the records page in tests (明细页读取): every row listed, following the pager."""

from __future__ import annotations

import html
import re
from typing import Any

RECORD = re.compile(r'<tr data-record="([^"]+)"')
NEXT = re.compile(r'<a class="button" href="([^"]+)" rel="next">')


def listed(client: Any, url: str) -> list[str]:
    """The record ids listed by the records page at ``url``, all pages."""
    ids: list[str] = []
    path = url.split("?")[0]
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = response.content.decode()
        ids.extend(RECORD.findall(text))
        found = NEXT.search(text)
        url = path + html.unescape(found.group(1)) if found else ""
    return ids
