"""One click: a call becomes a work order (POST /calls/<call_id>/ticket/), once."""

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import Conflict, ValidationFailed
from kefu.cti.links import ticket_url
from kefu.cti.models import Call
from kefu.cti.services import ticket_from_call
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket, TicketEvent


def finished_call(webhook, call_id="c-1", caller="13812345678", extension="8001"):
    webhook.post(
        call_id=call_id,
        event="ringing",
        caller=caller,
        extension=extension,
        at="2026-11-23T09:00:00+08:00",
    )
    webhook.post(
        call_id=call_id,
        event="answered",
        caller=caller,
        extension=extension,
        at="2026-11-23T09:00:10+08:00",
    )
    webhook.post(
        call_id=call_id,
        event="ended",
        caller=caller,
        extension=extension,
        at="2026-11-23T09:04:10+08:00",
    )
    return Call.objects.get(call_id=call_id)


def click(client, user, call_id="c-1", **data):
    client.force_login(user)
    return client.post(f"/calls/{call_id}/ticket/", {"type": "consultation", **data})


def test_an_ended_call_becomes_exactly_one_work_order_in_one_click(client, webhook, cast, caller):
    finished_call(webhook)
    response = click(client, cast.agent, type="complaint")
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == ticket_url(ticket.number)
    assert ticket.ticket_type.code == "complaint"
    assert ticket.channel == "phone"
    assert ticket.customer == caller
    assert ticket.created_by == cast.agent
    assert ticket.title.startswith("来电投诉")
    event = TicketEvent.objects.get(ticket=ticket, kind="call")
    assert event.data["call_id"] == "c-1"
    assert event.data["duration_seconds"] == 240
    assert event.data["caller"] == "138****5678"
    assert Call.objects.get().ticket == ticket
    audit = AuditEntry.objects.get(object_type="cti.call", changes__has_key="ticket")
    assert audit.changes["ticket"] == [None, ticket.number]
    assert audit.actor == cast.agent

    again = click(client, cast.agent, type="repair")
    assert again.status_code == 302
    assert again["Location"] == ticket_url(ticket.number)
    assert Ticket.objects.count() == 1
    assert TicketEvent.objects.filter(kind="call").count() == 1


def test_an_answered_call_may_become_a_work_order_while_it_lasts(client, webhook, cast, caller):
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    click(client, cast.agent, type="repair")
    assert Ticket.objects.get().ticket_type.code == "repair"


def test_an_unknown_caller_becomes_a_new_customer_named_after_the_number(
    client, webhook, cast, caller
):
    finished_call(webhook, caller="+86 139 0000 1111")
    click(client, cast.agent)
    ticket = Ticket.objects.get()
    assert ticket.customer.name == "来电客户 1111"
    assert ticket.customer.phone == "13900001111"
    assert Call.objects.get().customer == ticket.customer


def test_a_ringing_call_is_refused_with_a_message_and_nothing_is_written(
    client, webhook, cast, caller
):
    webhook.post(call_id="c-1", event="ringing", caller="13812345678", extension="8001")
    response = click(client, cast.agent, next="/customers/")
    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    assert not Ticket.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["来电仍在振铃，请先接听。"]


def test_another_agents_call_cannot_be_turned_into_a_work_order(
    client, webhook, cast, caller, other_agent
):
    finished_call(webhook)
    assert click(client, other_agent).status_code == 404
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("role", ["qa", "auditor"])
def test_roles_that_may_not_open_work_orders_are_refused(client, webhook, cast, caller, role):
    finished_call(webhook)
    assert click(client, cast.by_role(role)).status_code == 403
    assert not Ticket.objects.exists()


def test_an_unknown_type_is_refused(client, webhook, cast, caller):
    finished_call(webhook)
    response = click(client, cast.agent, type="after_sales")
    assert response.status_code == 302
    assert not Ticket.objects.exists()
    assert [str(m) for m in response.wsgi_request._messages] == ["请选择咨询、投诉或报修。"]


def test_several_customers_with_the_number_need_a_choice(client, webhook, cast, caller):
    twin = create_customer(actor=cast.agent, data={"name": "张伟（公司）", "phone": "13812345678"})
    stranger = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13900002222"})
    finished_call(webhook)
    click(client, cast.agent)
    assert not Ticket.objects.exists()
    click(client, cast.agent, customer=stranger.pk)
    assert not Ticket.objects.exists()
    click(client, cast.agent, customer=twin.pk)
    assert Ticket.objects.get().customer == twin
    assert Call.objects.get().customer == twin


def test_the_service_refuses_ringing_calls_and_unknown_types(webhook, cast, caller):
    webhook.post(call_id="c-1", event="ringing", caller="13812345678", extension="8001")
    call = Call.objects.get()
    with pytest.raises(Conflict):
        ticket_from_call(actor=cast.agent, call=call, type_code="complaint")
    finished_call(webhook, call_id="c-2")
    with pytest.raises(ValidationFailed) as refused:
        ticket_from_call(actor=cast.agent, call=Call.objects.get(call_id="c-2"), type_code="x")
    assert set(refused.value.fields) == {"type"}
    assert not Ticket.objects.exists()


def test_a_stale_call_in_hand_still_gets_the_work_order_already_opened(webhook, cast, caller):
    finished_call(webhook)
    stale = Call.objects.get()
    first = ticket_from_call(actor=cast.agent, call=Call.objects.get(), type_code="complaint")
    assert stale.ticket_id is None  # the object in hand does not know yet
    second = ticket_from_call(actor=cast.agent, call=stale, type_code="consultation")
    assert second == first
    assert Ticket.objects.count() == 1
    assert Customer.objects.count() == 1
