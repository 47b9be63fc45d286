"""Hostile strings (恶意输入样本) shared by the hostile-input tests."""

from __future__ import annotations

SCRIPT = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
BREAKOUT = '"><svg onload=alert(1)>'
# Both in one value: every free-text field gets it (prefixed with a label to find it again).
PAYLOAD = SCRIPT + BREAKOUT
# What must never appear in a page's HTML, and what must appear instead.
RAW_MARKERS = ("<script>window.__xss", "<img src=x onerror", "<svg onload")
ESCAPED_MARKER = "&lt;script&gt;window.__xss"
