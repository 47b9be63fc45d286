"""Work order numbers: type prefix + date + a daily sequence, never duplicated."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from kefu.tickets.numbering import format_number, next_number

DAY = date(2026, 11, 23)


def issue(prefix: str, day: date) -> str:
    with transaction.atomic():
        return next_number(prefix, day)


def test_a_number_is_prefix_date_and_four_digits():
    assert format_number("TS", DAY, 7) == "TS20261123-0007"


def test_a_number_grows_past_four_digits_after_9999_in_a_day():
    assert format_number("TS", DAY, 12345) == "TS20261123-12345"


@pytest.mark.django_db
def test_each_prefix_and_each_day_counts_from_one():
    assert issue("TS", DAY) == "TS20261123-0001"
    assert issue("TS", DAY) == "TS20261123-0002"
    assert issue("BX", DAY) == "BX20261123-0001"
    assert issue("TS", date(2026, 11, 24)) == "TS20261124-0001"
    assert issue("TS", DAY) == "TS20261123-0003"


@pytest.mark.django_db
def test_a_rolled_back_creation_gives_its_number_back():
    assert issue("ZX", DAY) == "ZX20261123-0001"

    def fail_after_taking_a_number() -> None:
        with transaction.atomic():
            assert next_number("ZX", DAY) == "ZX20261123-0002"
            raise RuntimeError("creation failed")

    with pytest.raises(RuntimeError):
        fail_after_taking_a_number()
    assert issue("ZX", DAY) == "ZX20261123-0002"
