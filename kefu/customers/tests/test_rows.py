"""Cell parsing of the import (表格解析): dates, genders, grades, phones, formula safety."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kefu.core.phones import InvalidPhone, normalize_phone
from kefu.core.pinyin import pinyin_keys
from kefu.customers import cells, columns, customvalues, labels
from kefu.customers.cells import CellError
from kefu.customers.customvalues import FieldSpec


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-05", dt.date(2024, 1, 5)),
        ("2024/1/5", dt.date(2024, 1, 5)),
        ("2024年1月5日", dt.date(2024, 1, 5)),
        ("20240105", dt.date(2024, 1, 5)),
        (dt.datetime(2024, 1, 5, 0, 0), dt.date(2024, 1, 5)),
        (45296, dt.date(2024, 1, 5)),  # Excel serial number
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_from_text_cells_and_excel_dates(value, expected):
    assert cells.parse_date(value) == expected


@pytest.mark.parametrize("value", ["明天", "2024-13-01", "2024-02-30", "05/01/2024", -3])
def test_impossible_or_ambiguous_dates_are_refused(value):
    with pytest.raises(CellError):
        cells.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("男", "male"), ("女", "female"), ("Male", "male"), ("FEMALE", "female"), ("", "unknown")],
)
def test_gender_accepts_chinese_and_english(value, expected):
    assert labels.parse_gender(value) == expected


def test_an_unknown_gender_is_refused():
    with pytest.raises(CellError):
        labels.parse_gender("不详细")


def test_grade_is_optional_and_case_insensitive_but_only_a_b_or_c():
    assert labels.parse_grade("") == ""
    assert labels.parse_grade("b") == "B"
    with pytest.raises(CellError):
        labels.parse_grade("D")


def test_numbers_typed_into_excel_lose_their_trailing_zero_decimal():
    assert cells.parse_text(13812345678.0) == "13812345678"
    assert cells.parse_text(10001) == "10001"


def test_amounts_accept_currency_and_thousands_but_not_negative_or_fractions_of_cents():
    assert cells.parse_decimal("¥1,200.5") == Decimal("1200.50")
    with pytest.raises(CellError):
        cells.parse_decimal("-1")
    with pytest.raises(CellError):
        cells.parse_decimal("1.005")


def test_tags_split_on_chinese_and_western_separators_without_repeats():
    assert cells.split_tags("老客户，VIP、老客户; 投诉过") == ["老客户", "VIP", "投诉过"]


def test_headers_are_matched_in_chinese_or_english_ignoring_case_spaces_and_marks():
    assert columns.HEADER_TO_FIELD[columns.normalize_header("姓名*")] == "name"
    assert columns.HEADER_TO_FIELD[columns.normalize_header("Member Number")] == "member_number"
    assert columns.HEADER_TO_FIELD[columns.normalize_header("手机号（必填）")] == "phone"


@given(rest=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_the_mobile_shortcut_agrees_with_the_full_phone_check(rest):
    try:
        slow = cells._normalize_phone_slow(rest)
    except InvalidPhone:
        slow = None
    try:
        fast = cells.normalize_phone_fast(rest)
    except CellError:
        fast = None
    assert fast == slow
    if fast is not None:
        assert fast == normalize_phone(rest)


@pytest.mark.parametrize("value", ["12345", "95588", "1381234567", "abc"])
def test_service_numbers_and_malformed_phones_are_not_customer_phones(value):
    with pytest.raises(CellError):
        cells.normalize_phone_fast(value)


def test_formatted_and_landline_phones_are_normalised():
    assert cells.normalize_phone_fast("+86 138-1234-5678") == "13812345678"
    assert cells.normalize_phone_fast("010-12345678") == "1012345678"


def test_cached_pinyin_gives_the_same_keys_as_the_kernel():
    assert cells.cached_pinyin_keys("张三丰") == pinyin_keys("张三丰") == ("zhangsanfeng", "zsf")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(start):
    value = f'{start}HYPERLINK("http://evil")'
    assert columns.safe_cell(value) == "'" + value


def test_ordinary_text_and_numbers_are_left_alone_by_the_formula_guard():
    assert columns.safe_cell("张三") == "张三"
    assert columns.safe_cell(-5) == -5


def test_custom_fields_check_type_choices_and_required():
    specs = [
        FieldSpec("size", "尺码", "choice", ("S", "M", "L"), is_required=True),
        FieldSpec("height", "身高", "number"),
        FieldSpec("wedding", "结婚纪念日", "date"),
    ]
    cleaned, errors = customvalues.clean_custom_fields(
        {"size": "M", "height": "172", "wedding": "2020/5/20"}, specs
    )
    assert cleaned == {"size": "M", "height": 172, "wedding": "2020-05-20"}
    assert errors == {}
    _cleaned, errors = customvalues.clean_custom_fields(
        {"size": "XL", "height": "高", "x": 1}, specs
    )
    assert set(errors) == {"size", "height", "x"}
    _cleaned, errors = customvalues.clean_custom_fields({}, specs)
    assert set(errors) == {"size"}
