"""The customer timeline (客户时间线): registry of sources, newest first, built-in events."""

import datetime as dt

import pytest
from django.utils import timezone

from kefu.customers.services import create_customer, merge_customers, override_grade
from kefu.customers.tests.factories import quick_english_setup  # noqa: F401
from kefu.customers.timeline import (
    TimelineEntry,
    register_timeline_source,
    timeline_for,
    unregister_timeline_source,
)


@pytest.fixture
def source_calls():
    calls = []

    def tickets(customer, user):
        calls.append(user)
        yield TimelineEntry(
            at=timezone.now() + dt.timedelta(days=1),
            kind="ticket",
            title="工单 #1",
            url="/tickets/1/",
        )

    register_timeline_source(tickets)
    yield calls
    unregister_timeline_source(tickets)


def test_a_registered_source_adds_entries_and_gets_the_viewing_user(cast, source_calls):
    customer = create_customer(actor=cast.agent, data={"name": "张三"})
    entries = timeline_for(customer, cast.manager)
    assert entries[0].kind == "ticket"
    assert entries[0].url == "/tickets/1/"
    assert source_calls == [cast.manager]


def test_the_archive_shows_creation_grade_changes_and_merges_newest_first(cast):
    keep = create_customer(actor=cast.agent, data={"name": "张三", "phone": "13812345678"})
    remove = create_customer(actor=cast.agent, data={"name": "张三(旧)", "phone": "13812345678"})
    override_grade(actor=cast.manager, customer=keep, grade="A", reason="老客户")
    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    entries = timeline_for(keep, cast.agent)
    kinds = [entry.kind for entry in entries]
    assert kinds[0] == "merge"
    assert "customer_created" in kinds
    assert any(e.kind == "grade_change" and "set by hand" in e.title for e in entries)
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    merged_away = timeline_for(remove, cast.agent)
    assert merged_away[0].title == "Merged into 张三"


def test_the_limit_keeps_only_the_newest_entries(cast, source_calls):
    customer = create_customer(actor=cast.agent, data={"name": "李四"})
    entries = timeline_for(customer, cast.agent, limit=1)
    assert [e.kind for e in entries] == ["ticket"]
