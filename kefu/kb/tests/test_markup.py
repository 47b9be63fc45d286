"""Article text: light Markdown, never raw HTML."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kefu.kb.markup import first_line, render


def test_html_typed_by_the_author_is_shown_as_text():
    html = render('<script>alert("x")</script>\n<b onclick="x">粗</b>')
    assert "<script>" not in html
    assert "<b " not in html
    assert "&lt;script&gt;" in html


@given(st.text(max_size=200))
def test_no_tag_but_the_renderers_own_ever_comes_out(text):
    html = render(text)
    allowed = (
        "<p>",
        "</p>",
        "<br>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<strong>",
        "</strong>",
        "<h3>",
        "</h3>",
        "<h4>",
        "</h4>",
        "<h5>",
        "</h5>",
    )
    for tag in allowed:
        html = html.replace(tag, "")
    assert "<" not in html


def test_headings_lists_and_bold():
    html = render("# 受理\n- 倾听\n- 记录\n1. 分类\n2. 转交\n\n要求**8小时**内响应")
    assert "<h3>受理</h3>" in html
    assert "<ul><li>倾听</li><li>记录</li></ul>" in html
    assert "<ol><li>分类</li><li>转交</li></ol>" in html
    assert "<p>要求<strong>8小时</strong>内响应</p>" in html


def test_a_number_inside_text_is_not_a_list():
    assert render("1.5元一小时") == "<p>1.5元一小时</p>"


def test_first_line_skips_markup_and_blank_lines():
    assert first_line("\n# 受理\n- 倾听") == "受理"
    assert first_line("- **先**关闭总水阀") == "先关闭总水阀"
    assert first_line("长" * 100, width=10) == "长" * 9 + "…"
