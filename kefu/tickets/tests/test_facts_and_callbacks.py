"""Guard facts come from Kefu's record: callbacks on the work order, satisfaction, deadlines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from kefu.core.clock import now
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import (
    apply_transition,
    needs_callback,
    offered_steps,
    record_callback,
)
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db


def step(actor, ticket, transition, fields=None):
    return apply_transition(actor=actor, ticket=ticket, transition=transition, fields=fields or {})


def replied(cast, customer):
    """A complaint forwarded, investigated and replied to: awaiting the customer's word."""
    ticket = open_ticket(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    ticket = step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实",
            "reply_due_at": now() + timedelta(days=3),
        },
    )
    ticket = step(cast.handler, ticket, "start_investigation")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c", "solution": "s"})
    return step(cast.agent, ticket, "reply", {"reply": "已致歉"})


def awaiting_callback(cast, customer, satisfaction="satisfied"):
    ticket = replied(cast, customer)
    return step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": satisfaction})


def codes(ticket, user):
    return {move.code for move in offered_steps(Ticket.objects.get(pk=ticket.pk), user)}


def test_a_satisfied_confirmation_needs_a_satisfied_level(cast, customer):
    ticket = replied(cast, customer)
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "dissatisfied"})
    assert refused.value.message == "客户尚未表示满意。"
    with pytest.raises(ValidationFailed) as invalid:
        step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "5"})
    assert set(invalid.value.fields) == {"satisfaction"}
    moved = step(cast.agent, ticket, "confirm_dissatisfied", {"satisfaction": "very_dissatisfied"})
    assert (moved.state, moved.reopen_count) == ("investigating", 1)
    event = TicketEvent.objects.filter(ticket=ticket).latest("id")
    assert {"effect": "record_satisfaction", "done": True, "level": "very_dissatisfied",
            "source": "step"} in event.data["effects"]  # fmt: skip


def test_archive_waits_for_a_reached_callback_and_is_not_offered_before(cast, customer):
    ticket = awaiting_callback(cast, customer)
    assert needs_callback(ticket)
    assert "archive" not in codes(ticket, cast.agent)
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        # The caller's word that the callback happened counts for nothing.
        step(cast.agent, ticket, "archive", {"callback_outcome": "reached"})
    assert refused.value.message == "回访完成前不能归档：投诉必须先完成回访。"

    record_callback(actor=cast.agent, ticket=ticket, outcome="not_reached")
    assert needs_callback(Ticket.objects.get(pk=ticket.pk))
    assert "archive" not in codes(ticket, cast.agent)

    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    assert not needs_callback(Ticket.objects.get(pk=ticket.pk))
    assert "archive" in codes(ticket, cast.agent)
    archived = step(cast.agent, ticket, "archive")
    assert archived.state == "archived"
    last = TicketEvent.objects.filter(ticket=ticket).latest("id")
    assert last.data["fields"]["callback_outcome"] == "reached"  # taken from the record


def test_a_dissatisfied_callback_refuses_archive_and_reopens(cast, customer):
    ticket = awaiting_callback(cast, customer)
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="dissatisfied")
    assert codes(ticket, cast.agent) == {"callback_dissatisfied"}
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        step(cast.agent, ticket, "archive")
    assert refused.value.message == "回访中客户仍不满意，不能归档，请重新处理。"
    reopened = step(cast.agent, ticket, "callback_dissatisfied")
    assert (reopened.state, reopened.reopen_count) == ("investigating", 1)
    # The old callback belongs to the old resolution: the next one must be recorded anew.
    assert not needs_callback(reopened)


def test_recording_a_callback_is_checked(cast, customer):
    ticket = open_ticket(cast, customer)
    with pytest.raises(Conflict) as early:
        record_callback(
            actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied"
        )
    assert early.value.code == "no_callback_due"
    ticket = awaiting_callback(cast, customer)
    with pytest.raises(ValidationFailed) as invalid:
        record_callback(actor=cast.agent, ticket=ticket, outcome="reached")
    assert set(invalid.value.fields) == {"satisfaction"}
    with pytest.raises(ValidationFailed):
        record_callback(actor=cast.agent, ticket=ticket, outcome="maybe")
    with pytest.raises(NotPermitted):
        record_callback(actor=cast.qa, ticket=ticket, outcome="reached", satisfaction="satisfied")
    assert not TicketEvent.objects.filter(ticket=ticket, kind="callback").exists()


def test_partner_overdue_is_the_dispatch_deadline_on_record(cast, customer):
    ticket = open_ticket(cast, customer, "repair", title="楼道灯不亮")
    fields = {
        "partner": cast.property_company,
        "requested_action": "更换灯管",
        "repair_due_at": now() + timedelta(hours=8),
    }
    ticket = step(cast.agent, ticket, "dispatch", fields)
    reassign = {**fields, "partner": cast.contractor, "penalty_evidence": "逾期照片"}
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        step(cast.agent, ticket, "reassign_overdue", reassign)
    assert refused.value.message == "维修单位尚未逾期，不能改派或扣留质保金。"
    assert "reassign_overdue" not in codes(ticket, cast.agent)

    past = {**fields, "repair_due_at": now() - timedelta(minutes=1)}
    other = open_ticket(cast, customer, "repair", title="水管漏水")
    other = step(cast.agent, other, "dispatch", past)
    assert "reassign_overdue" in codes(other, cast.agent)
    moved = step(cast.agent, other, "reassign_overdue", {**reassign, "repair_due_at": now()})
    assert moved.partner == cast.contractor


def test_a_major_complaint_is_declared_by_choosing_the_escalation(cast, customer):
    ticket = open_ticket(cast, customer)
    assert {"classify", "escalate_major"} <= codes(ticket, cast.agent)
    moved = step(
        cast.agent, ticket, "escalate_major", {"category": "产品质量", "major_reason": "媒体曝光"}
    )
    assert moved.state == "classified"
    event = TicketEvent.objects.filter(ticket=ticket).latest("id")
    assert event.data["facts"] == {"major_complaint": True}


def test_a_merged_work_order_offers_and_takes_no_step(cast, customer):
    from kefu.tickets.services.records_links import merge_ticket

    duplicate = open_ticket(cast, customer, title="重复来电")
    keeper = open_ticket(cast, customer)
    merge_ticket(actor=cast.supervisor, source=duplicate, target=keeper)
    duplicate = Ticket.objects.get(pk=duplicate.pk)
    assert offered_steps(duplicate, cast.agent) == []
    with pytest.raises(Conflict) as refused:
        step(cast.agent, duplicate, "classify", {"category": "服务态度"})
    assert refused.value.code == "merged"


def test_findings_notify_the_agent_and_a_major_complaint_the_senior_managers(cast, customer):
    from django.contrib.auth.models import Group

    from kefu.notify.models import Notification

    director = cast.manager
    director.groups.add(Group.objects.get(name="senior_manager"))
    major = open_ticket(cast, customer, title="媒体曝光的漏水投诉")
    step(cast.agent, major, "escalate_major", {"category": "产品质量", "major_reason": "媒体曝光"})
    alert = Notification.objects.get(kind="major_complaint")
    assert alert.recipient == director
    assert major.number in alert.subject
    assert alert.body == "媒体曝光"

    ticket = open_ticket(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    ticket = step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实",
            "reply_due_at": now() + timedelta(days=3),
        },
    )
    ticket = step(cast.handler, ticket, "start_investigation")
    step(cast.handler, ticket, "submit_findings", {"cause": "水管老化", "solution": "更换水管"})
    feedback = Notification.objects.get(kind="ticket_feedback")
    assert feedback.recipient == cast.agent  # nobody assigned: whoever opened it
    assert feedback.body == "水管老化\n更换水管"
    assert feedback.link == f"/work-orders/{ticket.number}/"


def test_confirmation_and_callback_each_store_one_satisfaction_record(cast, customer):
    from kefu.tickets.models import SatisfactionRecord

    ticket = awaiting_callback(cast, customer, satisfaction="very_satisfied")
    record_callback(actor=cast.agent, ticket=ticket, outcome="not_reached")
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="neutral")
    step(cast.agent, ticket, "callback_dissatisfied")  # neutral is not satisfied: reopen
    rows = list(
        SatisfactionRecord.objects.filter(ticket=ticket)
        .order_by("id")
        .values_list("source", "level", "customer_id")
    )
    assert rows == [
        ("confirmation", "very_satisfied", customer.pk),
        ("callback", "neutral", customer.pk),
    ]
