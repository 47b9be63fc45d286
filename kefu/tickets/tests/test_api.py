"""The work order API at /api/v1/tickets: create, read, list, transitions, scope and errors."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer
from kefu.tickets.models import Ticket
from kefu.tickets.tests.conftest import open_ticket

URL = "/api/v1/tickets"
NUMBER = re.compile(r"^TS\d{8}-\d{4}$")


class Api:
    def __init__(self, client, token, language="en"):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}

    def get(self, path="", **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path="", body=None):
        return self.client.post(
            URL + path, body or {}, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(client, cast):
    return lambda role, language="en": Api(client, cast.token(role), language)


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def complaint(**extra):
    return {"type": "complaint", "channel": "phone", "title": "空调不制冷", **extra}


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
    assert body["due"] == {"first_response_at": None, "resolve_at": None}
    assert body["reopen_count"] == 0
    assert body["first_response_at"] is None
    ticket = Ticket.objects.get(number=body["number"])
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


# --- read and list --------------------------------------------------------------------------


def test_partner_sees_only_work_orders_forwarded_to_its_company(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    partner = api_as("partner")
    assert partner.get().json() == {"items": [], "next_cursor": None}
    missing = partner.get(f"/{ticket.number}")
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"
    assert partner.get(f"/{ticket.number}/transitions").status_code == 404

    agent = api_as("agent")
    agent.post(
        f"/{ticket.number}/transitions",
        {
            "transition": "classify",
            "fields": {"category": "服务"},
            "facts": {"major_complaint": False},
        },
    )
    forwarded = agent.post(
        f"/{ticket.number}/transitions",
        {
            "transition": "forward",
            "fields": {
                "responsible_department": cast.property_company.pk,
                "requested_action": "上门检修",
                "reply_due_at": "2026-12-01T12:00:00+08:00",
            },
        },
    )
    assert forwarded.status_code == 200, forwarded.json()
    listed = partner.get().json()["items"]
    assert [item["number"] for item in listed] == [ticket.number]
    assert listed[0]["customer"]["phone"] == "138****8000"
    assert partner.get(f"/{ticket.number}").status_code == 200


def test_the_agent_sees_every_work_order_by_number(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").get(f"/{ticket.number}")
    assert response.status_code == 200
    assert response.json()["number"] == ticket.number
    assert api_as("agent").get(f"/{ticket.pk}").status_code == 404


def test_list_cursor_returns_each_row_exactly_once(api_as, cast, customer):
    numbers = {open_ticket(cast, customer, title=f"t{i}").number for i in range(7)}
    api = api_as("agent")
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get(**params).json()
        seen += [item["number"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == numbers
    assert seen == sorted(seen, reverse=True)


def test_list_filters(api_as, cast, customer):
    repair = open_ticket(cast, customer, type_code="repair", priority="urgent")
    complaint_ticket = open_ticket(cast, customer)
    api = api_as("agent")

    def numbers(**params):
        return [item["number"] for item in api.get(**params).json()["items"]]

    assert numbers(type="repair") == [repair.number]
    assert numbers(priority="urgent") == [repair.number]
    assert numbers(state="received") == [complaint_ticket.number]
    assert numbers(status_category="new", channel="phone") == [
        complaint_ticket.number,
        repair.number,
    ]
    assert numbers(customer_id=customer.pk + 1) == []
    assert numbers(assignee="agent") == []
    bad = api.get(priority="asap")
    assert bad.status_code == 422
    assert "priority" in error_of(bad)["fields"]


def test_a_forged_cursor_is_refused(api_as, cast, customer):
    response = api_as("agent").get(cursor="not-a-cursor")
    assert response.status_code == 422
    assert "cursor" in error_of(response)["fields"]


# --- transitions ----------------------------------------------------------------------------


def test_transitions_list_what_the_agent_may_do_on_a_new_complaint(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").get(f"/{ticket.number}/transitions")
    assert response.status_code == 200
    steps = {step["code"]: step for step in response.json()}
    assert set(steps) == {"classify", "escalate_major"}
    assert steps["classify"] == {
        "code": "classify",
        "label": "Classify",
        "target": "classified",
        "required_fields": ["category"],
        "facts": {"major_complaint": False},
    }
    assert steps["escalate_major"]["facts"] == {"major_complaint": True}


def test_a_handler_may_do_nothing_on_a_new_complaint_it_cannot_see(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    assert api_as("handler").get(f"/{ticket.number}/transitions").status_code == 404


def test_agent_walks_a_complaint_but_cannot_archive_before_the_callback(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    api = api_as("agent")
    path = f"/{ticket.number}/transitions"
    classified = api.post(
        path,
        {
            "transition": "classify",
            "fields": {"category": "服务态度"},
            "facts": {"major_complaint": False},
        },
    )
    assert classified.status_code == 200, classified.json()
    assert classified.json()["state"] == "classified"
    assert classified.json()["status_category"] == "open"
    assert classified.json()["first_response_at"] is not None
    forwarded = api.post(
        path,
        {
            "transition": "forward",
            "fields": {
                "responsible_department": cast.engineering.pk,
                "requested_action": "调查",
                "reply_due_at": "2026-12-01T12:00:00+08:00",
            },
            "expected_state": "classified",
        },
    )
    assert forwarded.json()["state"] == "forwarded"
    handler = api_as("handler")
    assert handler.post(path, {"transition": "start_investigation"}).status_code == 200
    findings = handler.post(
        path, {"transition": "submit_findings", "fields": {"cause": "老化", "solution": "更换"}}
    )
    assert findings.json()["state"] == "feedback_received"
    assert api.post(path, {"transition": "reply", "fields": {"reply": "已更换"}}).status_code == 200
    satisfied = api.post(
        path,
        {
            "transition": "confirm_satisfied",
            "fields": {"satisfaction": 5},
            "facts": {"satisfied": True},
        },
    )
    assert satisfied.json()["state"] == "pending_callback"
    assert satisfied.json()["resolved_at"] is not None

    zh = api_as("agent", "zh-hans")
    refused = zh.post(
        path,
        {
            "transition": "archive",
            "fields": {"callback_outcome": "满意"},
            "facts": {"satisfied": True},
        },
    )
    assert refused.status_code == 409
    error = error_of(refused)
    assert error["code"] == "condition"
    assert error["message"] == "回访完成前不能归档：投诉必须先完成回访。"
    assert Ticket.objects.get(pk=ticket.pk).state == "pending_callback"

    archived = api.post(
        path,
        {
            "transition": "archive",
            "fields": {"callback_outcome": "满意"},
            "facts": {"callback_done": True, "satisfied": True},
        },
    )
    assert archived.status_code == 200
    assert archived.json()["state"] == "archived"
    assert archived.json()["status_category"] == "closed"
    assert archived.json()["closed_at"] is not None


def test_a_missing_required_field_is_refused_with_its_field(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").post(
        f"/{ticket.number}/transitions",
        {"transition": "classify", "fields": {}, "facts": {"major_complaint": False}},
    )
    assert response.status_code == 422
    assert "category" in error_of(response)["fields"]


def test_a_step_from_the_wrong_state_is_a_conflict(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").post(
        f"/{ticket.number}/transitions",
        {
            "transition": "archive",
            "fields": {"callback_outcome": "x"},
            "facts": {"callback_done": True},
        },
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "wrong_state"


def test_a_stale_expected_state_is_a_conflict(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").post(
        f"/{ticket.number}/transitions",
        {
            "transition": "classify",
            "fields": {"category": "服务"},
            "facts": {"major_complaint": False},
            "expected_state": "classified",
        },
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "stale_state"
    assert Ticket.objects.get(pk=ticket.pk).state == "received"


def test_unknown_steps_fields_and_facts_are_refused(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    api = api_as("agent")
    path = f"/{ticket.number}/transitions"
    unknown_step = api.post(path, {"transition": "teleport"})
    assert unknown_step.status_code == 422
    assert error_of(unknown_step)["code"] == "unknown_transition"
    bad = api.post(
        path,
        {"transition": "classify", "fields": {"colour": "red"}, "facts": {"is_vip": True}},
    )
    assert bad.status_code == 422
    assert set(error_of(bad)["fields"]) == {"fields.colour", "facts.is_vip"}
    extra = api.post(path, {"transition": "classify", "colour": "red"})
    assert extra.status_code == 422
    assert "colour" in error_of(extra)["fields"]


def test_a_step_the_caller_lacks_the_capability_for_is_refused(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("qa").post(
        f"/{ticket.number}/transitions",
        {
            "transition": "classify",
            "fields": {"category": "服务"},
            "facts": {"major_complaint": False},
        },
    )
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
