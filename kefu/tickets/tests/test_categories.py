"""Status categories (状态大类): which pause the SLA clock and which run a partner deadline."""

from __future__ import annotations

from kefu.tickets.categories import (
    LABELS,
    StatusCategory,
    pauses_sla_clock,
    runs_partner_clock,
)


def test_the_categories_are_the_six_fixed_lowercase_codes():
    assert [c.value for c in StatusCategory] == [
        "new",
        "open",
        "waiting_on_customer",
        "waiting_on_partner",
        "resolved",
        "closed",
    ]


def test_only_waiting_on_the_customer_pauses_the_customer_facing_clock():
    assert [c for c in StatusCategory if pauses_sla_clock(c)] == [
        StatusCategory.WAITING_ON_CUSTOMER
    ]


def test_waiting_on_a_partner_runs_the_partner_deadline_but_does_not_pause_the_clock():
    assert runs_partner_clock(StatusCategory.WAITING_ON_PARTNER)
    assert not pauses_sla_clock(StatusCategory.WAITING_ON_PARTNER)
    assert not runs_partner_clock(StatusCategory.OPEN)


def test_every_category_has_a_chinese_and_an_english_label():
    assert set(LABELS) == set(StatusCategory)
    assert all(zh and en for zh, en in LABELS.values())
