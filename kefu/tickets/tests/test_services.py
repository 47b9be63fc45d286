"""Work order services: opening, walking a complaint to the archive, refusals, stale steps."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from kefu.audit.models import AuditEntry
from kefu.core.appendonly import AppendOnlyError
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.tickets.effects import EFFECT_HANDLERS
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import apply_transition, create_ticket, record_callback
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.vocabulary import EFFECTS

pytestmark = pytest.mark.django_db

DUE = datetime(2026, 11, 26, 17, 0, tzinfo=timezone.get_fixed_timezone(480))


def step(actor, ticket, transition, fields=None):
    return apply_transition(actor=actor, ticket=ticket, transition=transition, fields=fields or {})


def forwarded_complaint(cast, customer):
    ticket = open_ticket(cast, customer)
    ticket = step(cast.agent, ticket, "classify", {"category": "服务态度"})
    return step(
        cast.agent,
        ticket,
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实维修人员服务态度",
            "reply_due_at": DUE,
        },
    )


def test_opening_a_complaint_numbers_it_and_starts_in_the_initial_state(cast, customer):
    ticket = open_ticket(cast, customer, priority="high")
    today = timezone.localdate()
    assert ticket.number == f"TS{today:%Y%m%d}-0001"
    assert (ticket.state, ticket.status_category) == ("received", "new")
    assert ticket.workflow_version.version == 1
    assert ticket.created_by == cast.agent
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.kind, event.to_state, event.actor) == ("created", "received", cast.agent)
    assert AuditEntry.objects.filter(object_type="tickets.ticket", action="create").count() == 1
    assert open_ticket(cast, customer, "repair").number == f"BX{today:%Y%m%d}-0001"


def test_qa_cannot_open_a_work_order(cast, customer):
    with pytest.raises(NotPermitted):
        create_ticket(
            actor=cast.qa, type_code="complaint", customer=customer, channel="phone", title="x"
        )


def test_opening_needs_a_known_type_channel_and_a_title(cast, customer):
    with pytest.raises(ValidationFailed) as refused:
        create_ticket(
            actor=cast.agent, type_code="booking", customer=customer, channel="fax", title=" "
        )
    assert set(refused.value.fields) == {"type_code", "channel", "title"}
    assert not Ticket.objects.exists()


def test_a_complaint_walks_from_received_to_archived_with_its_callback(cast, customer):
    ticket = forwarded_complaint(cast, customer)
    assert (ticket.state, ticket.status_category) == ("forwarded", "waiting_on_partner")
    assert ticket.department == cast.engineering
    assert ticket.category == "服务态度"
    assert ticket.first_response_at is not None

    ticket = step(cast.handler, ticket, "start_investigation")
    ticket = step(
        cast.handler, ticket, "submit_findings", {"cause": "态度生硬", "solution": "培训"}
    )
    ticket = step(cast.agent, ticket, "reply", {"reply": "已处理并致歉"})
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "satisfied"})
    assert (ticket.state, ticket.status_category) == ("pending_callback", "resolved")
    assert ticket.resolved_at is not None
    assert ticket.closed_at is None

    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        step(cast.agent, ticket, "archive", {"callback_outcome": "reached"})
    assert refused.value.message == "回访完成前不能归档：投诉必须先完成回访。"
    assert Ticket.objects.get(pk=ticket.pk).state == "pending_callback"

    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    ticket = step(cast.agent, ticket, "archive")
    assert (ticket.state, ticket.status_category) == ("archived", "closed")
    assert ticket.closed_at is not None
    moves = list(
        TicketEvent.objects.filter(ticket=ticket, kind="transition").values_list(
            "from_state", "to_state", "transition"
        )
    )
    assert moves == [
        ("received", "classified", "classify"),
        ("classified", "forwarded", "forward"),
        ("forwarded", "investigating", "start_investigation"),
        ("investigating", "feedback_received", "submit_findings"),
        ("feedback_received", "awaiting_confirmation", "reply"),
        ("awaiting_confirmation", "pending_callback", "confirm_satisfied"),
        ("pending_callback", "archived", "archive"),
    ]
    forward = TicketEvent.objects.get(ticket=ticket, transition="forward")
    assert forward.data["fields"]["responsible_department"]["id"] == cast.engineering.pk
    [issued] = forward.data["effects"]
    assert (issued["effect"], issued["done"]) == ("issue_contact_order", True)
    assert issued["number"].startswith("LX")


def test_reopening_an_archived_complaint_counts_and_clears_the_close(cast, customer):
    ticket = forwarded_complaint(cast, customer)
    for actor, move, fields in (
        (cast.handler, "start_investigation", {}),
        (cast.handler, "submit_findings", {"cause": "c", "solution": "s"}),
        (cast.agent, "reply", {"reply": "r"}),
        (cast.agent, "confirm_satisfied", {"satisfaction": "very_satisfied"}),
    ):
        ticket = step(actor, ticket, move, fields)
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="satisfied")
    ticket = step(cast.agent, ticket, "archive")
    ticket = step(cast.agent, ticket, "reopen", {"reopen_reason": "问题复发"})
    assert (ticket.state, ticket.reopen_count) == ("investigating", 1)
    assert ticket.closed_at is None
    assert ticket.resolved_at is None


def test_archive_refused_in_english_when_english_is_active(cast, customer):
    ticket = open_ticket(cast, customer)
    with translation.override("en"), pytest.raises(Conflict) as refused:
        step(cast.agent, ticket, "archive", {"callback_outcome": "ok"})
    assert refused.value.code == "wrong_state"
    assert "not possible while the work order is “Received”" in refused.value.message


def test_missing_fields_are_named(cast, customer):
    ticket = open_ticket(cast, customer)
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as refused:
        step(cast.agent, ticket, "classify", {})
    assert refused.value.fields == {"category": ["请填写“投诉分类”。"]}


def test_qa_may_see_but_not_classify_a_complaint(cast, customer):
    ticket = open_ticket(cast, customer)
    with pytest.raises(NotPermitted):
        step(cast.qa, ticket, "classify", {"category": "产品质量"})


def test_a_department_cannot_touch_work_not_sent_to_it(cast, customer):
    ticket = open_ticket(cast, customer)
    with pytest.raises(NotFound):
        step(cast.handler, ticket, "start_investigation")


def test_a_stale_transition_is_a_conflict_and_writes_nothing(cast, customer):
    ticket = open_ticket(cast, customer)
    seen_by_other_agent = Ticket.objects.get(pk=ticket.pk)
    step(cast.agent, ticket, "classify", {"category": "产品质量"})
    events = TicketEvent.objects.count()
    audits = AuditEntry.objects.count()
    with pytest.raises(Conflict) as refused:
        step(
            cast.supervisor,
            seen_by_other_agent,
            "escalate_major",
            {"category": "产品质量", "major_reason": "媒体曝光"},
        )
    assert refused.value.code == "stale_state"
    assert TicketEvent.objects.count() == events
    assert AuditEntry.objects.count() == audits
    assert Ticket.objects.get(pk=ticket.pk).state == "classified"


def test_work_order_events_are_append_only(cast, customer):
    ticket = open_ticket(cast, customer)
    event = TicketEvent.objects.get(ticket=ticket)
    event.data = {"forged": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=ticket).update(data={})
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=ticket).delete()
    assert TicketEvent.objects.get(pk=event.pk).data == {
        "workflow_version": 1,
        "channel": "phone",
        "priority": "medium",
        "hooks": {
            "deadlines": {
                "policy": "投诉",
                "first_response": (event.at + timedelta(hours=1)).isoformat(),
                "resolve": (event.at + timedelta(hours=24)).isoformat(),
            }
        },
    }


def test_every_effect_key_has_a_handler():
    assert set(EFFECT_HANDLERS) == set(EFFECTS)


def test_a_repair_dispatched_to_a_partner_records_the_partner(cast, customer):
    ticket = open_ticket(cast, customer, "repair")
    ticket = step(
        cast.agent,
        ticket,
        "dispatch",
        {
            "partner": cast.property_company.pk,
            "requested_action": "更换压缩机",
            "repair_due_at": timezone.now() + timedelta(days=2),
        },
    )
    assert ticket.partner == cast.property_company
    ticket = step(cast.partner, ticket, "start_repair")
    assert ticket.state == "repairing"


def test_a_repair_cannot_be_dispatched_to_an_internal_department(cast, customer):
    ticket = open_ticket(cast, customer, "repair")
    with pytest.raises(ValidationFailed) as refused:
        step(
            cast.agent,
            ticket,
            "dispatch",
            {"partner": cast.engineering, "requested_action": "a", "repair_due_at": DUE},
        )
    assert "partner" in refused.value.fields
    assert Ticket.objects.get(pk=ticket.pk).state == "reported"
