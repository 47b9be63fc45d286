"""The screen pop GET /calls/pop/: who sees which call, customer, work orders, scope."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission

from kefu.accounts.models import User
from kefu.core.clock import now
from kefu.cti.models import AgentExtension
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket
from kefu.tickets.services import create_ticket

POP = "/calls/pop/"


def open_ticket(cast, customer, type_code="complaint", title="空调不制冷"):
    return create_ticket(
        actor=cast.agent, type_code=type_code, customer=customer, channel="phone", title=title
    )


def pop_as(client, user, **params):
    client.force_login(user)
    return client.get(POP, params)


def seen_key(response):
    found = re.search(r"seen=([0-9a-z]+)", response.content.decode())
    assert found is not None
    return found.group(1)


@pytest.fixture
def tickets(cast, caller):
    """An open complaint and a closed consultation of the caller."""
    open_one = open_ticket(cast, caller)
    closed = open_ticket(cast, caller, "consultation", "会员积分")
    Ticket.objects.filter(pk=closed.pk).update(status_category="closed")
    return open_one, closed


def test_the_agents_pop_shows_the_caller_masked_with_open_work_orders(
    client, webhook, cast, caller, tickets
):
    open_one, closed = tickets
    webhook.post(call_id="c-1", event="ringing", caller="+86 138 1234 5678", extension="8001")
    response = pop_as(client, cast.agent)
    body = response.content.decode()
    assert response.status_code == 200
    assert "张伟" in body
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "VIP3" in body
    assert f"/customers/{caller.pk}/" in body
    assert open_one.number in body
    assert closed.number not in body  # closed work orders are not open work
    assert "来电振铃" in body
    assert 'data-testid="open-ticket"' not in body  # still ringing: nothing to open yet


def test_another_agents_pop_does_not_show_the_call(client, webhook, cast, caller, other_agent):
    webhook.post(call_id="c-1", event="ringing", caller="13812345678", extension="8001")
    body = pop_as(client, other_agent).content.decode()
    assert "张伟" not in body
    assert "138****5678" not in body
    assert 'id="screen-pop"' in body  # an empty slot that keeps polling


def test_a_call_ringing_on_a_queue_pops_for_every_agent_until_one_answers(
    client, webhook, cast, caller, other_agent
):
    webhook.post(call_id="c-1", event="ringing", caller="13812345678")
    assert "张伟" in pop_as(client, cast.agent).content.decode()
    assert "张伟" in pop_as(client, other_agent).content.decode()
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    assert "张伟" in pop_as(client, cast.agent).content.decode()
    assert "张伟" not in pop_as(client, other_agent).content.decode()


def test_a_handler_sees_only_the_work_orders_sent_to_their_department(
    client, webhook, cast, caller
):
    sent = open_ticket(cast, caller, "repair", "水管漏水")
    Ticket.objects.filter(pk=sent.pk).update(department=cast.engineering)
    kept = open_ticket(cast, caller)
    cast.handler.user_permissions.add(
        Permission.objects.get(content_type__app_label="cti", codename="view_call")
    )
    AgentExtension.objects.create(user=cast.handler, extension="8100")
    handler = User.objects.get(pk=cast.handler.pk)
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8100")
    body = pop_as(client, handler).content.decode()
    assert "张伟" in body  # the customer is in scope through the forwarded repair
    assert sent.number in body
    assert kept.number not in body
    agent_body = pop_as(client, cast.agent).content.decode()
    assert "张伟" not in agent_body  # the handler's call, not the agent's


def test_an_unknown_caller_pops_as_a_new_customer(client, webhook, cast, caller):
    webhook.post(call_id="c-1", event="answered", caller="13900001111", extension="8001")
    body = pop_as(client, cast.agent).content.decode()
    assert "新客户" in body
    assert "139****1111" in body
    assert "/customers/new/" in body
    assert 'data-testid="open-ticket"' in body
    assert "张伟" not in body


def test_several_customers_with_the_number_are_all_offered(client, webhook, cast, caller):
    twin = create_customer(actor=cast.agent, data={"name": "张伟（公司）", "phone": "13812345678"})
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    body = pop_as(client, cast.agent).content.decode()
    assert "有多位客户使用此号码" in body
    assert f'name="customer" value="{caller.pk}"' in body
    assert f'name="customer" value="{twin.pk}"' in body


def test_an_unchanged_pop_answers_204_and_a_change_answers_the_new_pop(
    client, webhook, cast, caller
):
    webhook.post(call_id="c-1", event="ringing", caller="13812345678", extension="8001")
    first = pop_as(client, cast.agent)
    key = seen_key(first)
    assert client.get(POP, {"seen": key}).status_code == 204
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    changed = client.get(POP, {"seen": key})
    assert changed.status_code == 200
    assert "通话中" in changed.content.decode()
    assert seen_key(changed) != key


def test_an_empty_pop_is_an_empty_polling_slot(client, cast, extensions):
    response = pop_as(client, cast.agent)
    assert response.status_code == 200
    assert seen_key(response) == "none"
    assert client.get(POP, {"seen": "none"}).status_code == 204


def test_a_live_call_silent_for_hours_no_longer_pops(client, webhook, cast, caller):
    long_ago = (now() - dt.timedelta(hours=3)).isoformat()
    webhook.post(
        call_id="c-1", event="answered", caller="13812345678", extension="8001", at=long_ago
    )
    assert "张伟" not in pop_as(client, cast.agent).content.decode()


def test_a_call_that_just_ended_still_offers_its_work_order(client, webhook, cast, caller):
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    webhook.post(call_id="c-1", event="ended", caller="13812345678", extension="8001")
    body = pop_as(client, cast.agent).content.decode()
    assert "通话刚结束" in body
    assert 'data-testid="open-ticket"' in body
    client.post("/calls/c-1/ticket/", {"type": "consultation"})
    assert "张伟" not in pop_as(client, cast.agent).content.decode()


@pytest.mark.parametrize("role", ["qa", "auditor", "handler", "partner"])
def test_roles_without_calls_get_no_pop_and_no_slot(client, cast, role):
    user = cast.by_role(role)
    assert pop_as(client, user).status_code == 403
    assert 'id="screen-pop"' not in client.get("/").content.decode()


@pytest.mark.parametrize("role", ["agent", "supervisor", "manager"])
def test_the_console_of_phone_roles_carries_the_polling_slot(client, cast, role):
    client.force_login(cast.by_role(role))
    body = client.get("/").content.decode()
    assert 'id="screen-pop" hx-get="/calls/pop/" hx-trigger="load, every 3s"' in body


def test_a_poll_costs_a_fixed_handful_of_queries(
    client, webhook, cast, caller, tickets, django_assert_max_num_queries
):
    for n in range(5):
        open_ticket(cast, caller, title=f"投诉 {n}")
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    client.force_login(cast.agent)
    client.get(POP)
    with django_assert_max_num_queries(9):
        response = client.get(POP)
    assert response.content.decode().count(">TS2026") == 6  # 6 open, the closed one left out
