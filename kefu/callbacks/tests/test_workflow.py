"""The complaint and repair workflows' callback step creates and completes callback tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from kefu.audit.models import AuditEntry
from kefu.callbacks.choices import RuleKind
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackAttempt, CallbackRule, CallbackTask
from kefu.callbacks.services import complete_task
from kefu.core import clock
from kefu.core.errors import Conflict, NotFound, ValidationFailed
from kefu.tickets.choices import EventKind
from kefu.tickets.models import SatisfactionRecord, Ticket, TicketEvent
from kefu.tickets.services import needs_callback, record_callback

from .conftest import awaiting_callback, step

pytestmark = pytest.mark.django_db


def test_confirming_satisfaction_schedules_exactly_one_callback_task(cast, customer):
    ticket = awaiting_callback(cast, customer)
    tasks = list(CallbackTask.objects.filter(ticket=ticket))
    assert len(tasks) == 1
    task = tasks[0]
    assert (task.reason, task.status, task.customer_id) == ("ticket", "open", customer.pk)
    assert task.assignee == cast.agent  # nobody assigned: the creator
    assert task.due_on == local_today() + timedelta(days=2)
    assert task.dedupe_key.startswith(f"ticket:{ticket.pk}:")
    event = TicketEvent.objects.filter(ticket=ticket, transition="confirm_satisfied").get()
    effect = next(e for e in event.data["effects"] if e["effect"] == "schedule_callback")
    assert effect["done"] is True
    assert effect["task"] == task.pk
    assert effect["created"] is True
    assert AuditEntry.objects.filter(
        object_type="callbacks.callbacktask", object_id=str(task.pk), action="create"
    ).exists()


def test_the_effect_run_again_for_the_same_resolution_creates_nothing(cast, customer):
    from kefu.callbacks.handlers import schedule_from_step

    ticket = awaiting_callback(cast, customer)
    again = schedule_from_step(Ticket.objects.get(pk=ticket.pk), cast.agent, {})
    assert again["created"] is False
    assert CallbackTask.objects.filter(ticket=ticket).count() == 1


def test_a_ticket_rule_sets_the_days_and_the_assignee_is_the_ticket_assignee(cast, customer):
    CallbackRule.objects.create(
        name="投诉回访", kind=RuleKind.TICKET, days=5, type_codes=["complaint"],
        updated_at=clock.now(),
    )  # fmt: skip
    ticket = awaiting_callback(cast, customer, actor=cast.supervisor)
    Ticket.objects.filter(pk=ticket.pk).update(assignee=cast.agent)
    task = CallbackTask.objects.get(ticket=ticket)
    assert task.due_on == local_today() + timedelta(days=5)
    assert task.assignee == cast.supervisor  # created before the assignment: its creator


def test_reopened_and_resolved_again_gets_a_new_task_and_the_old_one_is_cancelled(cast, customer):
    ticket = awaiting_callback(cast, customer)
    first = CallbackTask.objects.get(ticket=ticket)
    record_callback(actor=cast.agent, ticket=ticket, outcome="reached", satisfaction="dissatisfied")
    first.refresh_from_db()
    assert first.status == "done"  # the direct callback closed it
    ticket = step(cast.agent, Ticket.objects.get(pk=ticket.pk), "callback_dissatisfied")
    ticket = step(cast.handler, ticket, "submit_findings", {"cause": "c2", "solution": "s2"})
    ticket = step(cast.agent, ticket, "reply", {"reply": "再次致歉"})
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "very_satisfied"})
    tasks = list(CallbackTask.objects.filter(ticket=ticket).order_by("id"))
    assert len(tasks) == 2
    assert tasks[1].status == "open"
    assert tasks[1].dedupe_key != tasks[0].dedupe_key


def test_completing_the_task_records_the_callback_and_lets_the_complaint_archive(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    done = complete_task(
        actor=cast.agent, task=task, outcome="reached", satisfaction="very_satisfied",
        notes="客户表示满意",
    )  # fmt: skip
    assert (done.status, done.outcome, done.satisfaction, done.done_by) == (
        "done", "reached", "very_satisfied", cast.agent,
    )  # fmt: skip
    assert done.attempts == 1
    callback = TicketEvent.objects.get(ticket=ticket, kind=EventKind.CALLBACK)
    assert callback.data["outcome"] == "reached"
    assert callback.data["satisfaction"] == "very_satisfied"
    record = SatisfactionRecord.objects.get(ticket=ticket, source="callback")
    assert record.level == "very_satisfied"
    # Exactly one attempt: the work order's callback event did not close the task twice.
    assert CallbackAttempt.objects.filter(task=task).count() == 1
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert not needs_callback(ticket)
    assert step(cast.agent, ticket, "archive").state == "archived"


def test_a_reached_callback_of_a_waiting_ticket_needs_the_satisfaction(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    with pytest.raises(ValidationFailed) as refused:
        complete_task(actor=cast.agent, task=task, outcome="reached")
    assert set(refused.value.fields) == {"satisfaction"}
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("open", 0)
    assert not TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CALLBACK).exists()


def test_not_reached_keeps_the_task_open_and_records_the_attempt_on_the_ticket(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    later = local_today() + timedelta(days=3)
    kept = complete_task(
        actor=cast.agent, task=task, outcome="not_reached", satisfaction="satisfied",
        next_callback_on=later,
    )  # fmt: skip
    assert (kept.status, kept.outcome, kept.last_outcome, kept.attempts) == (
        "open", "", "not_reached", 1,
    )  # fmt: skip
    assert kept.due_on == later  # moved to the next try
    assert (
        not SatisfactionRecord.objects.filter(ticket=ticket).exclude(source="confirmation").exists()
    )
    assert TicketEvent.objects.get(ticket=ticket, kind=EventKind.CALLBACK).data["outcome"] == (
        "not_reached"
    )
    assert needs_callback(Ticket.objects.get(pk=ticket.pk))
    assert CallbackTask.objects.filter(ticket=ticket).count() == 1  # no follow-up task
    closed = complete_task(actor=cast.agent, task=kept, outcome="wrong_number", close=True)
    assert (closed.status, closed.outcome, closed.attempts) == ("done", "wrong_number", 2)


def test_a_closed_task_cannot_be_completed_again(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    complete_task(actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied")
    with translation.override("en"), pytest.raises(Conflict) as refused:
        complete_task(actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied")
    assert refused.value.message == "This callback task is already closed."


def test_the_work_order_page_callback_closes_the_open_task(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    record_callback(actor=cast.agent, ticket=ticket, outcome="not_reached")
    task.refresh_from_db()
    assert (task.status, task.attempts, task.last_outcome) == ("open", 1, "not_reached")
    event = record_callback(
        actor=cast.supervisor, ticket=ticket, outcome="reached", satisfaction="satisfied",
        notes="上门回访",
    )  # fmt: skip
    task.refresh_from_db()
    assert (task.status, task.outcome, task.satisfaction) == ("done", "reached", "satisfied")
    assert (task.done_by, task.done_at, task.attempts) == (cast.supervisor, event.at, 2)
    # Idempotent: the same event taken again changes nothing.
    from kefu.callbacks.services import follow_ticket_callback

    assert follow_ticket_callback(event) == []
    task.refresh_from_db()
    assert task.attempts == 2
    assert CallbackAttempt.objects.filter(task=task).count() == 2


def test_a_follow_up_date_on_a_closed_task_creates_one_follow_up(cast, customer):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    later = local_today() + timedelta(days=30)
    complete_task(
        actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied",
        next_callback_on=later,
    )  # fmt: skip
    follow = CallbackTask.objects.get(follows=task)
    assert (follow.due_on, follow.status, follow.reason, follow.assignee) == (
        later, "open", "ticket", cast.agent,
    )  # fmt: skip
    # The follow-up is a care call: the work order does not wait for it, so completing it
    # adds a callback event and a satisfaction answer without touching the workflow.
    complete_task(actor=cast.agent, task=follow, outcome="reached", satisfaction="neutral")
    assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CALLBACK).count() == 2
    assert SatisfactionRecord.objects.filter(ticket=ticket, source="callback").count() == 2


def test_a_task_without_a_work_order_records_the_satisfaction_on_the_customer(cast, customer):
    from kefu.callbacks.services import create_task

    task, created = create_task(
        actor=cast.agent, customer=customer, due_on=local_today(), dedupe_key="manual:1",
        assignee=cast.agent,
    )  # fmt: skip
    assert created
    again, created_again = create_task(
        actor=cast.agent, customer=customer, due_on=local_today(), dedupe_key="manual:1"
    )
    assert (again.pk, created_again) == (task.pk, False)
    complete_task(actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied")
    record = SatisfactionRecord.objects.get(customer=customer, source="callback")
    assert (record.ticket_id, record.level, record.recorded_by) == (None, "satisfied", cast.agent)


def test_an_agent_cannot_complete_another_agents_task(cast, customer):
    from kefu.accounts.services import create_user

    other = create_user(actor=None, username="agent2", password="x" * 12, roles=["agent"])
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    with pytest.raises(NotFound):
        complete_task(actor=other, task=task, outcome="reached", satisfaction="satisfied")
    task.refresh_from_db()
    assert task.status == "open"


def test_the_calls_show_on_the_customer_timeline(cast, customer):
    from kefu.customers.timeline import timeline_for

    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    complete_task(actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied")
    with translation.override("en"):
        entries = [e for e in timeline_for(customer, cast.agent) if e.kind == "callback"]
        assert [e.title for e in entries] == ["Callback: Work order callback"]
        assert "Reached" in entries[0].detail
        assert [e for e in timeline_for(customer, cast.handler) if e.kind == "callback"] == []
