"""The partner's obligations as deadlines: started on issue, met on acknowledge and answer,
withdrawn on cancel."""

from __future__ import annotations

import pytest

from kefu.deadlines.models import Deadline
from kefu.liaison.models import ContactOrder
from kefu.liaison.tests.conftest import ACT_BY, DUE, step

pytestmark = pytest.mark.django_db


def _deadlines(order):
    return {d.kind: d for d in Deadline.objects.filter(ref=order.number)}


def test_issuing_starts_the_time_to_act_and_the_reply_deadline(forwarded):
    order = ContactOrder.objects.get()
    deadlines = _deadlines(order)
    assert set(deadlines) == {"contact_act", "contact_reply"}
    assert deadlines["contact_act"].due_at == ACT_BY
    assert deadlines["contact_reply"].due_at == DUE
    assert all(d.is_open and d.ticket_id == forwarded.pk for d in deadlines.values())
    assert order.number in deadlines["contact_reply"].label


def test_acknowledging_meets_the_time_to_act_and_answering_meets_the_reply(cast, forwarded):
    ticket = step(cast.handler, forwarded, "start_investigation")
    order = ContactOrder.objects.get()
    deadlines = _deadlines(order)
    assert not deadlines["contact_act"].is_open
    assert deadlines["contact_act"].met_at is not None
    assert deadlines["contact_reply"].is_open
    step(cast.handler, ticket, "submit_findings", {"cause": "c", "solution": "s"})
    deadlines = _deadlines(order)
    assert not deadlines["contact_reply"].is_open
    assert deadlines["contact_reply"].met_at is not None


def test_cancelling_withdraws_both_deadlines_without_counting_them_met(cast, forwarded):
    step(cast.handler, forwarded, "send_back", {"return_reason": "非本部门"})
    deadlines = _deadlines(ContactOrder.objects.get())
    assert [d.is_open for d in deadlines.values()] == [False, False]
    assert [d.met_at for d in deadlines.values()] == [None, None]
