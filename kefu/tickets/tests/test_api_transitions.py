"""The work order API at /api/v1/tickets/{number}/transitions: listing and taking steps."""

from kefu.tickets.models import Ticket
from kefu.tickets.tests.api_helpers import error_of
from kefu.tickets.tests.conftest import open_ticket

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
    }
    assert steps["escalate_major"]["required_fields"] == ["category", "major_reason"]


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
        path, {"transition": "confirm_satisfied", "fields": {"satisfaction": "satisfied"}}
    )
    assert satisfied.json()["state"] == "pending_callback"
    assert satisfied.json()["resolved_at"] is not None

    zh = api_as("agent", "zh-hans")
    offered = {step["code"] for step in api.get(path).json()}
    assert "archive" not in offered  # not offered before the callback is on record
    refused = zh.post(path, {"transition": "archive", "fields": {"callback_outcome": "reached"}})
    assert refused.status_code == 409
    error = error_of(refused)
    assert error["code"] == "condition"
    assert error["message"] == "回访完成前不能归档：投诉必须先完成回访。"
    assert Ticket.objects.get(pk=ticket.pk).state == "pending_callback"

    not_reached = api.post(f"/{ticket.number}/callbacks", {"outcome": "not_reached"})
    assert not_reached.status_code == 201
    assert api.post(path, {"transition": "archive"}).status_code == 409  # only an attempt
    callback = api.post(
        f"/{ticket.number}/callbacks", {"outcome": "reached", "satisfaction": "very_satisfied"}
    )
    assert callback.status_code == 201, callback.json()
    assert "archive" in {step["code"] for step in api.get(path).json()}
    archived = api.post(path, {"transition": "archive"})
    assert archived.status_code == 200
    assert archived.json()["state"] == "archived"
    assert archived.json()["status_category"] == "closed"
    assert archived.json()["closed_at"] is not None


def test_a_missing_required_field_is_refused_with_its_field(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").post(
        f"/{ticket.number}/transitions",
        {"transition": "classify", "fields": {}},
    )
    assert response.status_code == 422
    assert "category" in error_of(response)["fields"]


def test_a_step_from_the_wrong_state_is_a_conflict(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").post(
        f"/{ticket.number}/transitions",
        {"transition": "archive", "fields": {"callback_outcome": "reached"}},
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
            "expected_state": "classified",
        },
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "stale_state"
    assert Ticket.objects.get(pk=ticket.pk).state == "received"


def test_unknown_steps_fields_and_client_facts_are_refused(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    api = api_as("agent")
    path = f"/{ticket.number}/transitions"
    unknown_step = api.post(path, {"transition": "teleport"})
    assert unknown_step.status_code == 422
    assert error_of(unknown_step)["code"] == "unknown_transition"
    bad = api.post(
        path,
        {"transition": "classify", "fields": {"colour": "red"}},
    )
    assert bad.status_code == 422
    assert set(error_of(bad)["fields"]) == {"fields.colour"}
    # Guard facts are Kefu's record, never the caller's word: a "facts" key is refused.
    claimed = api.post(
        path, {"transition": "classify", "fields": {"category": "x"}, "facts": {"vip": True}}
    )
    assert claimed.status_code == 422
    assert "facts" in error_of(claimed)["fields"]
    assert Ticket.objects.get(pk=ticket.pk).state == "received"
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
        },
    )
    assert response.status_code == 403
    error_of(response)
