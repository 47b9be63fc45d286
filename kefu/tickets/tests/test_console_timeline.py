"""Work orders on the customer timeline (客户时间线中的工单)."""

from __future__ import annotations

import pytest

from kefu.customers.timeline import timeline_for
from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import forwarded_complaint

pytestmark = pytest.mark.django_db
people = console_fixtures.people


def test_the_customer_page_shows_its_work_orders_only(client, cast, people):
    own = open_ticket(cast, people["wang"], title="空调不制冷")
    other = open_ticket(cast, people["li"], "repair", title="门锁坏了")
    client.force_login(cast.agent)
    body = client.get(f"/customers/{people['wang'].pk}/").content.decode()
    timeline = body.split('data-testid="timeline"')[1]
    assert f'<a href="/work-orders/{own.number}/">投诉 {own.number} · 已受理</a>' in timeline
    assert "空调不制冷" in timeline
    assert other.number not in timeline


def test_a_handler_sees_on_the_timeline_only_the_work_forwarded_to_them(cast, people):
    forwarded = forwarded_complaint(cast, people["wang"])
    kept_home = open_ticket(cast, people["wang"], "consultation")
    entries = [e for e in timeline_for(people["wang"], cast.handler) if e.kind == "ticket"]
    assert [e.url for e in entries] == [f"/work-orders/{forwarded.number}/"]
    agent_entries = [e for e in timeline_for(people["wang"], cast.agent) if e.kind == "ticket"]
    assert {e.url for e in agent_entries} == {
        f"/work-orders/{forwarded.number}/",
        f"/work-orders/{kept_home.number}/",
    }
