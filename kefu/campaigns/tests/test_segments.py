"""Segment filters pick exactly the right customers."""

from __future__ import annotations

import datetime as dt

import pytest

from kefu.campaigns.segments import Segment, customers_in, reachable
from kefu.customers.tests.factories import CustomerFactory, TagFactory
from kefu.messaging.models import OptOut

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 10)


def _names(segment, today=TODAY):
    return sorted(customers_in(segment, today=today).values_list("name", flat=True))


def test_grades_pick_only_those_grades():
    CustomerFactory.create(name="a", grade="A")
    CustomerFactory.create(name="b", grade="B")
    CustomerFactory.create(name="c", grade="C")
    assert _names(Segment(grades=("A", "B"))) == ["a", "b"]


def test_tags_pick_customers_with_any_of_them_once():
    vip, wine, other = (
        TagFactory.create(name="VIP"),
        TagFactory.create(name="存酒"),
        TagFactory.create(name="其他"),
    )
    both = CustomerFactory.create(name="both")
    both.tags.set([vip, wine])
    CustomerFactory.create(name="vip").tags.set([vip])
    CustomerFactory.create(name="other").tags.set([other])
    CustomerFactory.create(name="none")
    assert _names(Segment(tag_ids=(vip.pk, wine.pk))) == ["both", "vip"]


def test_birthday_month_ignores_year_and_customers_without_birthday():
    CustomerFactory.create(name="may80", birthday=dt.date(1980, 5, 31))
    CustomerFactory.create(name="may99", birthday=dt.date(1999, 5, 1))
    CustomerFactory.create(name="june", birthday=dt.date(1990, 6, 1))
    CustomerFactory.create(name="unknown", birthday=None)
    assert _names(Segment(birthday_month=5)) == ["may80", "may99"]


def test_member_status_member_not_member_and_expiring():
    CustomerFactory.create(name="lifetime", member_number="M1", member_expires_on=None)
    CustomerFactory.create(
        name="soon", member_number="M2", member_expires_on=TODAY + dt.timedelta(30)
    )
    CustomerFactory.create(name="today", member_number="M3", member_expires_on=TODAY)
    CustomerFactory.create(
        name="later", member_number="M4", member_expires_on=TODAY + dt.timedelta(31)
    )
    CustomerFactory.create(
        name="lapsed", member_number="M5", member_expires_on=TODAY - dt.timedelta(1)
    )
    CustomerFactory.create(name="never", member_number=None)
    assert _names(Segment(member_status="member")) == ["later", "lifetime", "soon", "today"]
    assert _names(Segment(member_status="not_member")) == ["lapsed", "never"]
    assert _names(Segment(member_status="expiring")) == ["soon", "today"]


def test_conditions_combine_and_archived_or_merged_customers_are_left_out():
    vip = TagFactory.create(name="VIP")
    keep = CustomerFactory.create(name="keep", grade="A", birthday=dt.date(1990, 5, 2))
    keep.tags.set([vip])
    wrong_grade = CustomerFactory.create(name="grade-b", grade="B", birthday=dt.date(1990, 5, 2))
    wrong_grade.tags.set([vip])
    untagged = CustomerFactory.create(name="untagged", grade="A", birthday=dt.date(1990, 5, 2))
    archived = CustomerFactory.create(
        name="archived", grade="A", birthday=dt.date(1990, 5, 2), is_active=False
    )
    archived.tags.set([vip])
    merged = CustomerFactory.create(name="merged", grade="A", birthday=dt.date(1990, 5, 2))
    merged.tags.set([vip])
    merged.merged_into = keep
    merged.save()
    assert untagged.pk
    assert _names(Segment(grades=("A",), tag_ids=(vip.pk,), birthday_month=5)) == ["keep"]


def test_an_empty_segment_is_every_active_customer():
    CustomerFactory.create(name="x")
    CustomerFactory.create(name="y")
    CustomerFactory.create(name="z", is_active=False)
    assert _names(Segment()) == ["x", "y"]


def test_reachable_needs_consent_an_address_and_no_opt_out():
    CustomerFactory.create(name="ok", marketing_consent=True)
    CustomerFactory.create(name="no-consent", marketing_consent=False)
    CustomerFactory.create(name="no-phone", phone="", marketing_consent=True)
    out = CustomerFactory.create(name="opted-out", marketing_consent=True)
    OptOut.objects.create(customer=out, channel="sms", created_at=out.created_at)
    rows = reachable(customers_in(Segment(), today=TODAY), channel="sms")
    assert sorted(rows.values_list("name", flat=True)) == ["ok"]
