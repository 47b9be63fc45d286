"""Issuing contact orders from workflow steps: number, addressee, deadlines, audit, refusals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from kefu.audit.models import AuditEntry
from kefu.core.errors import ValidationFailed
from kefu.liaison.models import ContactOrder
from kefu.liaison.tests.conftest import (
    ACT_BY,
    DUE,
    ISSUED,
    SHANGHAI,
    forward,
    open_complaint,
    step,
)
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import create_ticket, record_callback

pytestmark = pytest.mark.django_db


def test_forwarding_a_complaint_issues_one_contact_order_to_engineering(cast, forwarded):
    order = ContactOrder.objects.get()
    assert re.fullmatch(r"LX20261127-0001", order.number)
    assert order.ticket == forwarded
    assert order.addressed_to == cast.engineering
    assert order.issued_by == cast.agent
    assert order.status == "sent"
    assert order.requested_action == "核实维修人员服务态度并回复"
    assert order.issued_at == ISSUED
    # 8 working hours from Friday 14:00 on the office calendar: Monday 14:00, not Friday 22:00.
    assert order.act_by == ACT_BY
    assert order.reply_by == DUE
    event = TicketEvent.objects.get(ticket=forwarded, transition="forward")
    [effect] = event.data["effects"]
    assert effect["done"] is True
    assert effect["number"] == order.number
    assert effect["addressed_to"] == {"id": cast.engineering.pk, "label": "工程部"}
    assert datetime.fromisoformat(effect["reply_by"]) == DUE
    audit = AuditEntry.objects.get(object_type="liaison.contactorder", action="create")
    assert audit.changes["ticket"] == forwarded.number
    assert audit.changes["addressed_to"] == "工程部"


def test_without_an_office_calendar_the_time_to_act_is_eight_plain_hours(cast, customer, pinned):
    ticket = open_complaint(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    forward(cast, ticket)
    assert ContactOrder.objects.get().act_by == ISSUED + timedelta(hours=8)


def test_a_reply_time_given_as_text_is_read_as_shanghai_time(cast, customer, office, pinned):
    ticket = open_complaint(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    forward(cast, ticket, reply_due_at="2026-11-28T10:30")
    order = ContactOrder.objects.get()
    assert order.reply_by == datetime(2026, 11, 28, 10, 30, tzinfo=SHANGHAI)
    # The time to act never comes after the reply time.
    assert order.act_by == order.reply_by


def test_an_unreadable_reply_time_refuses_the_step_and_writes_nothing(cast, customer, pinned):
    ticket = open_complaint(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    with pytest.raises(ValidationFailed) as refused:
        forward(cast, ticket, reply_due_at="下周三")
    assert list(refused.value.fields) == ["reply_due_at"]
    assert not ContactOrder.objects.exists()
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.state, stored.department) == ("classified", None)
    assert not TicketEvent.objects.filter(ticket=ticket, transition="forward").exists()


def test_starting_the_investigation_acknowledges_and_findings_answer_the_order(cast, forwarded):
    ticket = step(cast.handler, forwarded, "start_investigation")
    order = ContactOrder.objects.get()
    assert (order.status, order.acknowledged_by) == ("acknowledged", cast.handler)
    assert order.acknowledged_at is not None
    assert order.answered_at is None
    ticket = step(
        cast.handler,
        ticket,
        "submit_findings",
        {"cause": "维修工赶工", "solution": "批评教育并致歉"},
    )
    order.refresh_from_db()
    assert order.status == "answered"
    assert (order.cause, order.solution) == ("维修工赶工", "批评教育并致歉")
    assert order.answered_by == cast.handler
    event = TicketEvent.objects.get(ticket=ticket, transition="submit_findings")
    assert event.data["hooks"]["liaison"] == {"contact_order": order.number, "status": "answered"}


def test_sending_back_cancels_the_order_and_a_new_forward_issues_another(cast, forwarded):
    ticket = step(cast.handler, forwarded, "send_back", {"return_reason": "非工程部责任"})
    first = ContactOrder.objects.get()
    assert (first.status, first.cancel_reason) == ("cancelled", "非工程部责任")
    assert first.cancelled_at is not None
    ticket = forward(cast, ticket, responsible_department=cast.property_company)
    second = ContactOrder.objects.exclude(pk=first.pk).get()
    assert second.number.endswith("-0002")
    assert (second.addressed_to, second.status) == (cast.property_company, "sent")
    first.refresh_from_db()
    assert first.cancel_reason == "非工程部责任"  # cancelled once, not again


def _answered(cast, ticket):
    ticket = step(cast.handler, ticket, "start_investigation")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c", "solution": "s"})
    return step(cast.agent, ticket, "reply", {"reply": "已致歉"})


def test_a_dissatisfied_customer_reopens_with_a_new_order_to_the_same_department(cast, forwarded):
    ticket = _answered(cast, forwarded)
    ticket = step(cast.agent, ticket, "confirm_dissatisfied", {"satisfaction": "dissatisfied"})
    assert ticket.state == "investigating"
    first, second = ContactOrder.objects.order_by("id")
    assert first.status == "answered"  # the answered order is kept, not cancelled
    assert (second.addressed_to, second.status) == (cast.engineering, "sent")
    assert "核实维修人员服务态度并回复" in second.requested_action
    assert second.reply_by == ISSUED + timedelta(days=3)


def test_reopening_an_archived_complaint_issues_a_new_order_and_cancels_nothing_twice(
    cast, forwarded
):
    ticket = _answered(cast, forwarded)
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "satisfied"})
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    ticket = step(cast.agent, ticket, "archive")
    cancels_before = AuditEntry.objects.filter(
        object_type="liaison.contactorder", action="update", changes__status__1="cancelled"
    ).count()
    ticket = step(cast.agent, ticket, "reopen", {"reopen_reason": "问题复发"})
    first, second = ContactOrder.objects.order_by("id")
    assert first.status == "answered"
    assert second.status == "sent"
    assert second.addressed_to == cast.engineering
    assert second.requested_action.splitlines()[0].endswith("问题复发")
    assert (
        AuditEntry.objects.filter(
            object_type="liaison.contactorder", action="update", changes__status__1="cancelled"
        ).count()
        == cancels_before
        == 0
    )
    # The handler answers the new order the same way.
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c2", "solution": "s2"})
    second.refresh_from_db()
    assert (second.status, second.cause) == ("answered", "c2")


def test_asking_for_more_work_sends_a_follow_up_order(cast, forwarded):
    ticket = step(cast.handler, forwarded, "start_investigation")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c", "solution": "s"})
    step(cast.agent, ticket, "request_more", {"return_reason": "请补充整改措施"})
    first, second = ContactOrder.objects.order_by("id")
    assert first.status == "answered"
    assert second.status == "sent"
    assert "请补充整改措施" in second.requested_action


def test_a_repair_is_dispatched_to_the_partner_and_rework_goes_to_it_again(
    cast, customer, office, pinned
):
    ticket = create_ticket(
        actor=cast.agent, type_code="repair", customer=customer, channel="phone", title="漏水"
    )
    ticket = step(
        cast.agent,
        ticket,
        "dispatch",
        {
            "partner": cast.property_company.pk,
            "requested_action": "上门维修卫生间漏水",
            "repair_due_at": "2026-11-28",
        },
    )
    order = ContactOrder.objects.get()
    assert order.addressed_to == cast.property_company
    assert order.reply_by == datetime(2026, 11, 28, 23, 59, 59, tzinfo=SHANGHAI)
    ticket = step(cast.partner, ticket, "start_repair")
    order.refresh_from_db()
    assert (order.status, order.acknowledged_by) == ("acknowledged", cast.partner)
    ticket = step(cast.partner, ticket, "complete_repair", {"repair_report": "更换密封圈"})
    order.refresh_from_db()
    assert (order.status, order.repair_report) == ("answered", "更换密封圈")
    step(cast.agent, ticket, "reject_repair", {"reject_reason": "仍有渗水"})
    rework = ContactOrder.objects.exclude(pk=order.pk).get()
    assert (rework.addressed_to, rework.status) == (cast.property_company, "sent")
    assert "仍有渗水" in rework.requested_action
    assert rework.reply_by == timezone.localtime(pinned) + timedelta(days=3)
