"""Service errors (服务差错): registering, refusals, scope, page and API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.services import create_customer
from kefu.quality.models import ServiceError
from kefu.quality.services import register_error
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.services import create_ticket

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 3)


@pytest.fixture
def ticket(cast) -> Ticket:
    customer = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
    ticket = create_ticket(
        actor=cast.agent, type_code="complaint", customer=customer, channel="phone", title="态度差"
    )
    Ticket.objects.filter(pk=ticket.pk).update(assignee=cast.agent)
    ticket.refresh_from_db()
    return ticket


def _register(actor, **extra):
    values: dict[str, Any] = {
        "occurred_on": DAY,
        "error_type": "attitude",
        "severity": "moderate",
        "description": "语气生硬",
    }
    values.update(extra)
    return register_error(actor=actor, **values)


def test_qa_registers_an_error_on_a_work_order_with_a_note_event_and_an_audit_row(cast, ticket):
    error = _register(cast.qa, ticket=ticket)
    assert (error.ticket, error.person, error.registered_by) == (ticket, None, cast.qa)
    note = TicketEvent.objects.filter(ticket=ticket, kind="note").get()
    assert note.data["service_error"] == error.pk
    assert "语气生硬" in note.data["body"]
    assert AuditEntry.objects.filter(object_id=str(error.pk), action="create").exists()


def test_an_agent_may_not_register_a_service_error(cast, ticket):
    with (
        translation.override("en"),
        pytest.raises(NotPermitted, match=r"You may not register service errors\."),
    ):
        _register(cast.agent, ticket=ticket)
    assert not ServiceError.objects.exists()


def test_an_error_needs_a_work_order_or_a_person_and_nothing_is_written_otherwise(cast):
    with pytest.raises(ValidationFailed) as refused:
        _register(cast.supervisor, description=" ")
    assert set(refused.value.fields) == {"ticket", "person", "description"}
    assert not ServiceError.objects.exists()


def test_an_error_cannot_occur_in_the_future(cast):
    with pytest.raises(ValidationFailed) as refused:
        _register(
            cast.manager, person=cast.agent, occurred_on=dt.date.today() + dt.timedelta(days=2)
        )
    assert "occurred_on" in refused.value.fields


def test_a_handler_may_not_register_service_errors(cast, ticket):
    with pytest.raises(NotPermitted):
        _register(cast.handler, ticket=ticket)


def test_the_person_sees_their_own_errors_and_qa_sees_all(cast, ticket):
    own = _register(cast.qa, person=cast.agent)
    via_ticket = _register(cast.qa, ticket=ticket)  # assigned to the agent, no person named
    other = _register(cast.qa, person=cast.supervisor)
    assert set(ServiceError.objects.visible_to(cast.agent)) == {own, via_ticket}
    assert set(ServiceError.objects.visible_to(cast.qa)) == {own, via_ticket, other}
    assert not ServiceError.objects.visible_to(cast.handler).exists()


def test_the_page_registers_an_error_and_an_agent_gets_no_form(cast, ticket, client):
    client.force_login(cast.supervisor)
    response = client.post(
        "/quality/errors/",
        {
            "occurred_on": "2026-11-03",
            "ticket": ticket.number,
            "person": "",
            "error_type": "business",
            "severity": "severe",
            "description": "报价错误",
        },
    )
    assert response.status_code == 302
    assert ServiceError.objects.get().severity == "severe"
    client.force_login(cast.agent)
    page = client.get("/quality/errors/")
    assert page.status_code == 200
    assert 'data-testid="service-error-form"' not in page.content.decode()
    assert "报价错误" in page.content.decode()  # on the agent's own work order
    assert client.post("/quality/errors/", {}).status_code == 403


def test_the_page_shows_the_refusal_for_an_unknown_work_order(cast, client):
    client.force_login(cast.qa)
    response = client.post(
        "/quality/errors/",
        {
            "occurred_on": "2026-11-03",
            "ticket": "TS20990101-0001",
            "error_type": "other",
            "severity": "minor",
            "description": "x",
        },
    )
    assert response.status_code == 422
    assert "未找到该工单。" in response.content.decode()
    assert not ServiceError.objects.exists()


def test_the_api_registers_and_lists_in_scope(cast, ticket, client):
    qa = {"HTTP_AUTHORIZATION": f"Bearer {cast.token('qa')}"}
    created = client.post(
        "/api/v1/service-errors",
        {
            "occurred_on": "2026-11-03",
            "person": "supervisor",
            "error_type": "timeout",
            "severity": "minor",
            "description": "超时未回复",
        },
        content_type="application/json",
        **qa,
    )
    assert created.status_code == 201, created.content
    assert created.json()["person"] == "supervisor"
    agent = {"HTTP_AUTHORIZATION": f"Bearer {cast.token('agent')}"}
    assert client.get("/api/v1/service-errors", **agent).json()["items"] == []
    assert len(client.get("/api/v1/service-errors", **qa).json()["items"]) == 1
    refused = client.post(
        "/api/v1/service-errors",
        {
            "occurred_on": "2026-11-03",
            "error_type": "timeout",
            "severity": "minor",
            "description": "x",
        },
        content_type="application/json",
        **agent,
    )
    assert refused.status_code == 403
    invalid = client.post(
        "/api/v1/service-errors",
        {
            "occurred_on": "2026-11-03",
            "error_type": "timeout",
            "severity": "minor",
            "description": "x",
        },
        content_type="application/json",
        **qa,
    )
    assert invalid.status_code == 422
    assert set(invalid.json()["error"]["fields"]) == {"ticket", "person"}
