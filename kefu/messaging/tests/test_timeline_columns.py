"""Messages on the customer timeline read only the columns an entry shows (消息时间线的列):
one statement for any number of messages, subject, body, status and reason still shown."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401
from kefu.messaging.services import send_message
from kefu.messaging.timeline import message_entries

pytestmark = pytest.mark.django_db


def test_the_message_entries_take_one_statement_and_show_what_was_sent(cast):
    customer = CustomerFactory.create(marketing_consent=False)
    for subject, body in (("", "会员日八折"), ("周末特惠", "本周五全场八折")):
        send_message(
            customer=customer, channel="sms", subject=subject, body=body, purpose="marketing"
        )
    cast.agent.has_perm("messaging.view_delivery")  # the permissions, read once per user
    with CaptureQueriesContext(connection) as ctx:
        entries = list(message_entries(customer, cast.agent))
    assert len(ctx.captured_queries) == 1
    assert sorted(e.detail for e in entries) == [
        "会员日八折 · No marketing consent",
        "周末特惠 · No marketing consent",
    ]
    assert all(e.at is not None and e.kind == "message" for e in entries)
    assert list(message_entries(customer, cast.handler)) == []
