"""Assigning work orders (分派工单): the service and the queue's bulk assignment."""

from __future__ import annotations

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import assign_ticket
from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db
people = console_fixtures.people
world = console_fixtures.world


def assignments(*tickets):
    return TicketEvent.objects.filter(ticket__in=tickets, kind=EventKind.ASSIGNMENT)


def test_assigning_sets_assignee_and_their_team_and_writes_event_and_audit(cast, people):
    ticket = open_ticket(cast, people["wang"])
    assigned = assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.agent, team=None)
    assert assigned.assignee == cast.agent
    assert assigned.team == cast.call_center
    event = assignments(ticket).get()
    assert event.actor == cast.supervisor
    assert event.data["assignee"] == [None, {"id": cast.agent.pk, "label": "agent"}]
    assert event.data["team"][1]["label"] == "呼叫中心组"
    assert AuditEntry.objects.filter(object_id=str(ticket.pk), changes__has_key="assignee").exists()


def test_assigning_to_the_same_place_again_writes_nothing(cast, people):
    ticket = open_ticket(cast, people["wang"])
    assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.agent, team=None)
    assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.agent, team=None)
    assert assignments(ticket).count() == 1


def test_only_holders_of_the_classify_capability_may_assign(cast, people):
    ticket = open_ticket(cast, people["wang"])
    for user in (cast.qa, cast.auditor, cast.handler):
        with pytest.raises(NotPermitted):
            assign_ticket(actor=user, ticket=ticket, assignee=cast.agent, team=None)
    assert not assignments(ticket).exists()


def test_a_work_order_is_not_assigned_to_someone_who_may_not_see_it(cast, people):
    ticket = open_ticket(cast, people["wang"])
    with pytest.raises(ValidationFailed) as caught:
        assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=cast.partner, team=None)
    assert "assignee" in caught.value.fields
    with pytest.raises(ValidationFailed):
        assign_ticket(actor=cast.supervisor, ticket=ticket, assignee=None, team=None)
    assert Ticket.objects.get(pk=ticket.pk).assignee is None


def test_a_closed_work_order_is_not_reassigned(cast, world):
    with pytest.raises(Conflict):
        assign_ticket(
            actor=cast.supervisor, ticket=world["closed"], assignee=cast.supervisor, team=None
        )


def test_bulk_assign_writes_one_event_per_ticket(client, cast, world):
    chosen = [world["forwarded"], world["repair"], world["mine_open"]]
    client.force_login(cast.supervisor)
    before = TicketEvent.objects.count()
    response = client.post(
        "/work-orders/assign/",
        {
            "number": [t.number for t in chosen],
            "assignee": cast.supervisor.pk,
            "next": "/work-orders/queue/unassigned/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/work-orders/queue/unassigned/"
    assert TicketEvent.objects.count() == before + 3
    for ticket in chosen:
        assert assignments(ticket).filter(actor=cast.supervisor).count() == (
            2 if ticket == world["mine_open"] else 1
        )
        assert Ticket.objects.get(pk=ticket.pk).assignee == cast.supervisor
    body = client.get("/work-orders/queue/unassigned/").content.decode()
    assert "已分派 3 个工单。" in body


def test_bulk_assign_is_refused_without_the_capability_and_writes_nothing(client, cast, world):
    client.force_login(cast.qa)
    before = TicketEvent.objects.count()
    response = client.post(
        "/work-orders/assign/", {"number": [world["forwarded"].number], "assignee": cast.qa.pk}
    )
    assert response.status_code == 403
    assert TicketEvent.objects.count() == before
    assert Ticket.objects.get(pk=world["forwarded"].pk).assignee is None


def test_bulk_assign_reports_the_ticket_it_could_not_assign(client, cast, world):
    client.force_login(cast.supervisor)
    response = client.post(
        "/work-orders/assign/",
        {
            "number": [world["closed"].number, world["repair"].number],
            "assignee": cast.agent.pk,
        },
        follow=True,
    )
    body = response.content.decode()
    assert f"{world['closed'].number}: 已关闭的工单不再重新分派。" in body
    assert "已分派 1 个工单。" in body
    assert Ticket.objects.get(pk=world["repair"].pk).assignee == cast.agent
    assert assignments(world["closed"]).count() == 1  # only the one made by the fixture


def test_bulk_assign_ignores_work_orders_out_of_the_users_scope(client, cast, world):
    """A forged number of a work order the user may not see is refused as a whole."""
    client.force_login(cast.supervisor)
    before = TicketEvent.objects.count()
    response = client.post(
        "/work-orders/assign/", {"number": ["TS19990101-0001"], "assignee": cast.agent.pk}
    )
    assert response.status_code == 302
    assert TicketEvent.objects.count() == before


def test_the_queue_offers_bulk_assignment_only_to_those_who_may_assign(client, cast, world):
    client.force_login(cast.agent)
    assert 'data-testid="bulk-assign-submit"' in client.get("/work-orders/").content.decode()
    client.force_login(cast.qa)
    assert (
        'data-testid="bulk-assign-submit"'
        not in client.get("/work-orders/queue/all/").content.decode()
    )
