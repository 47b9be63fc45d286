"""The pure tokenizer: bigrams of Chinese runs, lowercased latin words, stop words."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from kefu.core.tokens import (
    MAX_TOKEN_LENGTH,
    document_tokens,
    query_tokens,
    runs,
    suggestion_tokens,
)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
OTHER = st.sampled_from(list(string.ascii_letters + string.digits + " ,.!?，。！？、（）：；\n"))
TEXT = st.lists(st.one_of(HAN, OTHER), max_size=80).map("".join)


def is_han(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF


@given(TEXT)
def test_every_two_character_chinese_substring_of_a_text_is_one_of_its_tokens(text):
    tokens = document_tokens(text)
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        if is_han(pair[0]) and is_han(pair[1]):
            assert pair in tokens


@given(TEXT)
def test_every_chinese_character_is_a_token_for_one_character_queries(text):
    tokens = document_tokens(text)
    assert {ch for ch in text if is_han(ch)} <= tokens


@given(TEXT, TEXT, TEXT)
def test_a_text_holds_every_query_token_of_any_piece_of_it(before, piece, after):
    # A query copied out of a document always finds that document (whatever the cut).
    document = document_tokens(before + " " + piece + " " + after)
    assert set(query_tokens(piece)) <= document


@given(TEXT)
def test_tokens_are_short_and_never_punctuation_or_space(text):
    for token in document_tokens(text) | set(query_tokens(text)):
        assert 0 < len(token) <= MAX_TOKEN_LENGTH
        assert all(ch.isalnum() for ch in token)
        assert token == token.lower()


def test_two_character_words_are_tokens():
    assert {"投诉", "处理", "诉处"} <= document_tokens("投诉处理流程")
    assert query_tokens("漏水") == ["漏水"]
    assert query_tokens("漏水报修") == ["漏水", "水报", "报修"]


def test_a_one_character_query_asks_for_the_character():
    assert query_tokens("水") == ["水"]
    assert "水" in document_tokens("漏水")


def test_english_words_are_lowercased_and_split_from_chinese():
    assert query_tokens("WiFi密码") == ["wifi", "密码"]
    assert {"wifi", "invoice", "pdf"} <= document_tokens("免费WiFi；Invoice 电子发票（PDF）")


def test_full_width_letters_and_digits_are_the_same_as_half_width():
    assert query_tokens("ＷｉＦｉ　４００") == ["wifi", "400"]


def test_punctuation_and_spaces_only_separate():
    assert query_tokens("“投诉”！！") == ["投诉"]
    assert query_tokens("投诉，处理") == ["投诉", "处理"]
    assert query_tokens(" ，。!?…— ") == []


def test_queries_keep_each_token_once_in_order():
    assert query_tokens("投诉 投诉 Fee fee") == ["投诉", "fee"]


def test_runs_separate_chinese_from_latin():
    assert list(runs("App里的VIP会员")) == [
        (False, "app"),
        (True, "里的"),
        (False, "vip"),
        (True, "会员"),
    ]


def test_long_words_are_cut_to_the_token_length():
    word = "a" * 100
    assert query_tokens(word) == ["a" * MAX_TOKEN_LENGTH]


def test_suggestion_tokens_drop_stop_words_of_a_sentence():
    tokens = suggestion_tokens("你好，请问我家厨房漏水了怎么办？")
    assert "漏水" in tokens
    assert "厨房" in tokens
    for empty in ("你好", "请问", "怎么", "了怎"):
        assert empty not in tokens


def test_suggestion_tokens_drop_english_stop_words_and_single_characters():
    assert suggestion_tokens("How do I get an invoice? 水") == ["get", "invoice"]


def test_suggestion_tokens_are_capped():
    assert len(suggestion_tokens("停车收费标准" * 20 + "漏水报修物业费发票会员积分", limit=5)) == 5
