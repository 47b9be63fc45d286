"""The work order API at /api/v1/tickets: create, anonymous access, OpenAPI and the bench."""

import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket
from kefu.tickets.tests.api_helpers import NUMBER, URL, complaint, error_of
from kefu.tickets.tests.conftest import open_ticket

# --- create ---------------------------------------------------------------------------------


def test_agent_opens_a_complaint_for_a_customer_by_id(api_as, customer):
    response = api_as("agent").post(
        body=complaint(customer_id=customer.pk, priority="high", category="服务态度")
    )
    assert response.status_code == 201
    body = response.json()
    assert NUMBER.match(body["number"])
    assert body["type"] == "complaint"
    assert body["state"] == "received"
    assert body["state_label"] == "Received"
    assert body["status_category"] == "new"
    assert body["channel"] == "phone"
    assert body["priority"] == "high"
    assert body["category"] == "服务态度"
    assert body["customer"] == {"id": customer.pk, "name": "王芳", "phone": "138****8000"}
    assert body["assignee"] is None
    assert body["reopen_count"] == 0
    assert body["first_response_at"] is None
    ticket = Ticket.objects.get(number=body["number"])
    # The shipped complaint policy, around the clock: respond in 1 hour, resolve in 24.
    due = {key: datetime.fromisoformat(value) for key, value in body["due"].items()}
    close = timedelta(milliseconds=1)  # the API writes milliseconds
    assert abs(due["first_response_at"] - (ticket.created_at + timedelta(hours=1))) < close
    assert abs(due["resolve_at"] - (ticket.created_at + timedelta(hours=24))) < close
    assert due["next_at"] == due["first_response_at"]
    assert ticket.next_due_at is not None
    assert abs(due["next_at"] - ticket.next_due_at) < close
    assert AuditEntry.objects.filter(object_id=str(ticket.pk)).exists()


def test_state_label_follows_the_language(api_as, customer):
    response = api_as("agent", "zh-hans").post(body=complaint(customer_id=customer.pk))
    assert response.json()["state_label"] == "已受理"


def test_a_customer_given_by_phone_is_matched_when_the_phone_exists(api_as, customer):
    before = Customer.objects.count()
    response = api_as("agent").post(
        body=complaint(customer={"name": "王女士", "phone": "138 0013 8000"})
    )
    assert response.status_code == 201
    assert response.json()["customer"]["id"] == customer.pk
    assert Customer.objects.count() == before


def test_a_customer_given_by_phone_is_created_when_the_phone_is_new(api_as, cast):
    response = api_as("agent").post(
        body=complaint(customer={"name": "李雷", "phone": "13912345678"}, channel="wechat")
    )
    assert response.status_code == 201
    created = Customer.objects.get(phone="13912345678")
    assert created.name == "李雷"
    assert response.json()["customer"] == {"id": created.pk, "name": "李雷", "phone": "139****5678"}


def test_an_invalid_customer_phone_is_refused_with_its_field(api_as, cast):
    response = api_as("agent").post(body=complaint(customer={"name": "李雷", "phone": "12345"}))
    assert response.status_code == 422
    assert "customer.phone" in error_of(response)["fields"]


@pytest.mark.parametrize(
    ("field", "value"), [("type", "praise"), ("channel", "pigeon"), ("priority", "asap")]
)
def test_unknown_codes_are_refused_with_their_field(api_as, customer, field, value):
    response = api_as("agent").post(body=complaint(customer_id=customer.pk, **{field: value}))
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_failed"
    assert field in error["fields"]


def test_an_unknown_body_field_is_refused(api_as, customer):
    response = api_as("agent").post(body=complaint(customer_id=customer.pk, colour="red"))
    assert response.status_code == 422
    assert "colour" in error_of(response)["fields"]


def test_customer_id_and_customer_together_are_refused(api_as, customer):
    body = complaint(customer_id=customer.pk, customer={"name": "x", "phone": "13912345678"})
    response = api_as("agent").post(body=body)
    assert response.status_code == 422
    assert "customer" in error_of(response)["fields"]


def test_every_shipped_type_and_the_suggestion_box_channel_are_accepted(api_as, customer):
    api = api_as("agent")
    for type_code in ("consultation", "complaint", "repair", "after_sales", "suggestion"):
        body = complaint(customer_id=customer.pk, type=type_code, channel="suggestion_box")
        response = api.post(body=body)
        assert response.status_code == 201, response.json()
        assert response.json()["type"] == type_code


def test_a_partner_may_not_open_work_orders(api_as, customer):
    response = api_as("partner").post(body=complaint(customer_id=customer.pk))
    assert response.status_code == 403
    error_of(response)


# --- shell ----------------------------------------------------------------------------------


def test_anonymous_gets_401_json(client, cast, customer):
    ticket = open_ticket(cast, customer)
    for response in (
        client.get(URL),
        client.post(URL, complaint(customer_id=customer.pk), content_type="application/json"),
        client.get(f"{URL}/{ticket.number}"),
        client.get(f"{URL}/{ticket.number}/transitions"),
        client.post(
            f"{URL}/{ticket.number}/transitions",
            {"transition": "classify"},
            content_type="application/json",
        ),
    ):
        assert response.status_code == 401
        assert error_of(response)["code"] == "unauthorized"


def test_openapi_lists_the_ticket_paths_with_their_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    expected = {
        ("/api/v1/tickets", "post"): {"201", "401", "403", "404", "409", "422"},
        ("/api/v1/tickets", "get"): {"200", "401", "403", "422"},
        ("/api/v1/tickets/{number}", "get"): {"200", "401", "403", "404", "422"},
        ("/api/v1/tickets/{number}/transitions", "get"): {"200", "401", "403", "404", "422"},
        ("/api/v1/tickets/{number}/transitions", "post"): {
            "200",
            "401",
            "403",
            "404",
            "409",
            "422",
        },
    }
    for (path, method), statuses in expected.items():
        assert set(paths[path][method]["responses"]) == statuses, (path, method)


def test_the_create_bench_prints_median_and_p95(cast):
    out = StringIO()
    call_command("ticket_create_bench", count=5, username="agent", stdout=out)
    match = re.search(r"count=5 median_ms=([\d.]+) p95_ms=([\d.]+) max_ms=([\d.]+)", out.getvalue())
    assert match, out.getvalue()
    median, p95, top = (float(v) for v in match.groups())
    assert 0 < median <= p95 <= top
    assert Ticket.objects.filter(description="ticket_create_bench").count() == 5
