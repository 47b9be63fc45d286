"""Callbacks on the customer timeline read only the columns an entry shows (回访时间线的列):
one statement for any number of calls, the caller's name and notes still shown."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kefu.callbacks.models import CallbackTask
from kefu.callbacks.services import complete_task
from kefu.callbacks.timeline import callback_entries
from kefu.customers.timeline import timeline_for

from .conftest import awaiting_callback


def test_the_callback_entries_take_one_statement_and_show_the_caller(cast, customer):
    cast.agent.display_name = "小李"
    cast.agent.save()
    for notes in ("第一次没接", "客户满意"):
        ticket = awaiting_callback(cast, customer)
        task = CallbackTask.objects.get(ticket=ticket)
        complete_task(
            actor=cast.agent, task=task, outcome="reached", satisfaction="satisfied", notes=notes
        )
    with translation.override("en"), CaptureQueriesContext(connection) as ctx:
        entries = list(callback_entries(customer, cast.agent))
    assert len(ctx.captured_queries) == 1
    assert len(entries) == 2
    assert {e.title for e in entries} == {"Callback: Work order callback"}
    assert {e.detail for e in entries} == {
        "Reached · Satisfied · 第一次没接 — 小李",
        "Reached · Satisfied · 客户满意 — 小李",
    }
    assert [e for e in timeline_for(customer, cast.handler) if e.kind == "callback"] == []
