"""The fast select renders what Django's template renders (same options, same escaping)."""

from __future__ import annotations

from django import forms
from django.test.html import parse_html

from kefu.core.widgets import FastSelect

CHOICES = [("", "—"), ("a", "甲 <b>"), ("b&c", 'say "hi"'), ("Group", [("g1", "G1"), ("g2", "G2")])]


def test_fast_select_renders_like_django() -> None:
    for value in ("", "a", "b&c", "g2", None):
        for attrs in ({}, {"id": "id_x", "required": True, "data-x": 'q"'}):
            django_html = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
            fast_html = FastSelect(choices=CHOICES).render("x", value, attrs=attrs)
            assert parse_html(fast_html) == parse_html(django_html)  # attribute order aside


def test_fast_select_escapes_labels_and_values() -> None:
    html = FastSelect(choices=[("<x>", "<script>alert(1)</script>")]).render("x", None)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'value="&lt;x&gt;"' in html
