"""Template variables are filled by a safe replacer: hostile braces stay as text."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from kefu.campaigns.rendering import VARIABLES, render, unknown_variables

VALUES = {"name": "张三", "grade": "A", "member_number": "M001"}


def test_known_variables_are_filled_and_missing_values_are_empty():
    text = "{name}您好，您是{grade}级会员（{member_number}），生日{birthday}"
    assert render(text, VALUES) == "张三您好，您是A级会员（M001），生日"


def test_hostile_braces_stay_as_text():
    hostile = (
        "{0} {name.__class__} {name!r} {name:>10} {__import__} {{ {} {self} "
        "{name.__init__.__globals__} %(name)s ${name"
    )
    assert render(hostile, VALUES) == hostile


def test_doubled_braces_around_a_variable_keep_the_outer_braces():
    assert render("{{name}}", VALUES) == "{张三}"


def test_a_value_with_braces_is_not_expanded_again():
    assert render("{name}", {"name": "{grade}"}) == "{grade}"


def test_unknown_variables_are_listed_once_in_order():
    assert unknown_variables("{nmae} {name} {0} {vip} {nmae}") == ["nmae", "vip"]


@given(st.text())
def test_text_without_variables_comes_back_unchanged(text):
    assume(not any("{" + key + "}" in text for key in VARIABLES))
    assert render(text, VALUES) == text
