"""Article text (文章排版): light Markdown rendered to safe HTML. Pure (no Django).

Everything the author typed is escaped first, so no raw HTML ever reaches the page. Then, per
block of lines separated by a blank line: ``# `` / ``## `` start headings, ``- `` or ``* ``
bullet lists, ``1. `` numbered lists, anything else a paragraph (line breaks kept);
``**bold**`` inside a line. Nothing else (no links, no images).
"""

from __future__ import annotations

import re
from html import escape

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+(?:[.)]\s+|、\s*)(.*)$")


def inline(text: str) -> str:
    """One line, escaped, with **bold** made strong."""
    return _BOLD.sub(r"<strong>\1</strong>", escape(text, quote=True))


def render(body: str) -> str:
    """The article body as HTML (safe to mark safe: every character of input is escaped)."""
    html: list[str] = []
    for block in _blocks(body):
        html.extend(_render_block(block))
    return "\n".join(html)


def first_line(body: str, *, width: int = 80) -> str:
    """The first line of text without markup marks, cut to ``width`` characters (摘要)."""
    for line in (body or "").splitlines():
        text = line.strip()
        for pattern in (_HEADING, _BULLET, _NUMBERED):
            match = pattern.match(text)
            if match:
                text = match.groups()[-1].strip()
                break
        text = text.replace("**", "")
        if text:
            return text if len(text) <= width else text[: width - 1] + "…"
    return ""


def _blocks(body: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in (body or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _render_block(lines: list[str]) -> list[str]:
    out: list[str] = []
    paragraph: list[str] = []
    list_tag = ""
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>".join(inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for line in lines:
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            flush_paragraph()
            flush_list()
            level = len(heading.group(1)) + 2  # the page's own headings use h1 and h2
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            match = bullet or numbered
            assert match is not None
            items.append(inline(match.group(1)))
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return out
