"""Form values of the bad-input corpus (表单恶意输入语料), by field kind.

A form field's kind comes from its Django field class (``kind_of``); each kind has values that
must be refused (``REFUSE``) and values that may be refused or stored verbatim (``EITHER``).
Text values reuse the API corpus (``kefu.api.tests.corpus``).
"""

from __future__ import annotations

from typing import Literal

from django import forms

from kefu.api.tests import corpus

Expect = Literal["refuse", "either"]
REFUSE: Expect = "refuse"
EITHER: Expect = "either"

Kind = Literal["text", "choice", "model", "date", "datetime", "number", "bool", "email", "flag"]

HUGE = corpus.MEGABYTE_TEXT  # 1 MiB of UTF-8 (3 MiB form-encoded)

# (case name, value, expectation) per kind; "empty" and "blank" depend on ``required``.
TEXT: list[tuple[str, str, Expect]] = [
    ("1 MiB text", HUGE, REFUSE),
    ("null byte", "前\x00后", REFUSE),
    *((name, text, EITHER) for name, text in corpus.HOSTILE_TEXT.items() if text),
]
CHOICE: list[tuple[str, str, Expect]] = [
    ("not a choice", "no-such-choice", REFUSE),
    ("sql injection", "' OR 1=1 --", REFUSE),
    ("template", "{{7*7}}", REFUSE),
    ("full-width", "ｓａｔｉｓｆｉｅｄ", REFUSE),
    ("1 MiB text", HUGE, REFUSE),
]
MODEL: list[tuple[str, str, Expect]] = [
    ("no such row", "999999", REFUSE),
    ("not a number", "abc", REFUSE),
    ("negative", "-1", REFUSE),
    ("sql injection", "1 OR 1=1", REFUSE),
    ("huge number", "9" * 40, REFUSE),
]
DATE: list[tuple[str, str, Expect]] = [
    ("year 0", "0000-01-01", REFUSE),
    ("year 10000", "10000-01-01", REFUSE),
    ("30 February", "2026-02-30", REFUSE),
    ("not a date", "not a date", REFUSE),
    ("template", "{{7*7}}", REFUSE),
    ("year 1", "0001-01-01", EITHER),
    ("last day of year 9999", "9999-12-31", EITHER),
    ("1900", "1900-01-01", EITHER),
]
DATETIME: list[tuple[str, str, Expect]] = [
    ("year 0", "0000-01-01T00:00", REFUSE),
    ("year 10000", "10000-01-01T00:00", REFUSE),
    ("30 February", "2026-02-30T10:00", REFUSE),
    ("hour 25", "2026-11-23T25:00", REFUSE),
    ("not a date", "not a date", REFUSE),
    ("first minute of year 1", "0001-01-01T00:00", EITHER),
    ("last minute of year 9999", "9999-12-31T23:59", EITHER),
    ("1900", "1900-01-01T00:00", EITHER),
]
NUMBER: list[tuple[str, str, Expect]] = [
    ("not a number", "abc", REFUSE),
    ("overflow", "1e309", REFUSE),
    ("NaN", "NaN", REFUSE),
    ("infinity", "Infinity", REFUSE),
    ("40 digits", "9" * 40, EITHER),
    ("negative", "-1", EITHER),
    ("full-width digits", "１２", EITHER),
]
BOOL: list[tuple[str, str, Expect]] = [("odd text", "maybe", EITHER), ("sql", "' OR 1=1", EITHER)]
EMAIL: list[tuple[str, str, Expect]] = [
    ("not an address", "not-an-email", REFUSE),
    ("two at signs", "a@b@example.com", REFUSE),
    ("1 MiB text", HUGE + "@example.com", REFUSE),
    ("template", "{{7*7}}@example.com", EITHER),
]
# A free value the view reads as a switch (anything but one word means the other option).
FLAG: list[tuple[str, str, Expect]] = [("odd text", "{{7*7}}", EITHER), ("huge", HUGE, EITHER)]

BY_KIND: dict[Kind, list[tuple[str, str, Expect]]] = {
    "text": TEXT,
    "choice": CHOICE,
    "model": MODEL,
    "date": DATE,
    "datetime": DATETIME,
    "number": NUMBER,
    "bool": BOOL,
    "email": EMAIL,
    "flag": FLAG,
}

# Whole-body cases: fields no form has, sent with a valid body; they must change nothing.
UNKNOWN_FIELDS = {
    "is_superuser": "1",
    "state": "archived",
    "status_category": "closed",
    "created_by": "1",
    "id": "1",
}
INVALID_UTF8 = b"%FF%FE%FA"  # form-encoded bytes that are not UTF-8


def kind_of(field: forms.Field) -> Kind:
    """The corpus kind of a Django form field (按字段类型选语料)."""
    if isinstance(field, forms.ModelChoiceField):
        return "model"
    if isinstance(field, forms.ChoiceField):
        return "choice"
    if isinstance(field, forms.DateTimeField):
        return "datetime"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.IntegerField | forms.FloatField):  # DecimalField is one too
        return "number"
    if isinstance(field, forms.BooleanField):
        return "bool"
    if isinstance(field, forms.EmailField):
        return "email"
    if isinstance(field, forms.CharField):
        return "text"
    raise AssertionError(f"no corpus for {type(field).__name__}: add a kind")


def kinds_of(form: forms.Form) -> dict[str, Kind]:
    return {name: kind_of(field) for name, field in form.fields.items()}


def required_of(form: forms.Form) -> frozenset[str]:
    return frozenset(name for name, field in form.fields.items() if field.required)
