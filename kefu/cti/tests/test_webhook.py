"""The CTI webhook POST /api/v1/cti/calls: matching, idempotence, order, refusals."""

import datetime as dt

import pytest

from kefu.audit.models import AuditEntry
from kefu.cti.models import Call
from kefu.customers.services import create_customer


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    return body["error"]


@pytest.mark.parametrize(
    "number",
    ["+86 138 1234 5678", "138 1234 5678", "13812345678", "+8613812345678", "138-1234-5678"],
)
def test_ringing_answered_ended_for_a_known_customers_phone_matches_it(
    webhook, cast, caller, number
):
    rung = webhook.post(
        call_id="c-1", event="ringing", caller=number, at="2026-11-23T09:00:00+08:00"
    )
    assert rung.status_code == 200, rung.content
    body = rung.json()
    assert body["state"] == "ringing"
    assert body["customer_id"] == caller.pk
    assert body["caller"] == "138****5678"
    assert body["agent"] is None  # rang on a queue, no extension yet

    answered = webhook.post(
        call_id="c-1",
        event="answered",
        caller=number,
        extension="8001",
        at="2026-11-23T09:00:12+08:00",
    )
    assert answered.json()["state"] == "answered"
    assert answered.json()["agent"] == "agent"

    ended = webhook.post(
        call_id="c-1", event="ended", caller=number, at="2026-11-23T09:03:17+08:00"
    )
    assert ended.status_code == 200
    assert ended.json()["state"] == "ended"
    assert ended.json()["duration_seconds"] == 185

    call = Call.objects.get()
    assert call.caller == "13812345678"
    assert call.caller_last4 == "5678"
    assert call.customer == caller
    assert call.agent == cast.agent
    assert call.extension == "8001"
    assert (call.state, call.duration_seconds) == ("ended", 185)
    assert call.started_at == call.ringing_at
    assert call.last_event_at == call.ended_at


def test_a_retried_delivery_changes_nothing_and_returns_the_same_call(webhook, caller):
    first = webhook.post(
        call_id="c-2",
        event="ringing",
        caller="13812345678",
        extension="8001",
        at="2026-11-23T09:00:00+08:00",
    )
    audited = AuditEntry.objects.count()
    again = webhook.post(
        call_id="c-2",
        event="ringing",
        caller="13812345678",
        extension="8002",
        at="2026-11-23T09:00:05+08:00",
    )
    assert again.status_code == 200
    assert first.json()["changed"] is True
    assert again.json()["changed"] is False
    assert {k: v for k, v in again.json().items() if k != "changed"} == {
        k: v for k, v in first.json().items() if k != "changed"
    }
    call = Call.objects.get()
    assert call.extension == "8001"
    assert call.ringing_at == dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
    assert AuditEntry.objects.count() == audited


def test_an_end_reported_before_the_answer_is_kept_and_completed_later(webhook, cast, caller):
    ended = webhook.post(
        call_id="c-3",
        event="ended",
        caller="13812345678",
        extension="8001",
        at="2026-11-23T09:02:00+08:00",
    )
    assert ended.json()["state"] == "missed"  # as far as we know: it ended unanswered
    answered = webhook.post(
        call_id="c-3",
        event="answered",
        caller="13812345678",
        extension="8001",
        at="2026-11-23T09:00:30+08:00",
    )
    assert answered.json()["state"] == "ended"
    assert answered.json()["duration_seconds"] == 90
    rang = webhook.post(
        call_id="c-3", event="ringing", caller="13812345678", at="2026-11-23T09:00:00+08:00"
    )
    call = Call.objects.get()
    assert rang.json()["state"] == "ended"
    assert call.started_at.isoformat() == "2026-11-23T01:00:00+00:00"
    assert call.last_event_at.isoformat() == "2026-11-23T01:02:00+00:00"
    assert call.agent == cast.agent


def test_an_invalid_event_is_refused_in_chinese_and_nothing_is_written(webhook, caller):
    audited = AuditEntry.objects.count()
    response = webhook.post(language="zh-hans", call_id="c-4", event="hangup", caller="13812345678")
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_failed"
    assert error["message"] == "部分字段无效。"
    assert error["fields"] == {"event": ["请从允许的值中选择一项。"]}
    assert not Call.objects.exists()
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize("number", ["12", "abc", "138123456789012345"])
def test_an_invalid_caller_number_is_refused_in_chinese_and_nothing_is_written(
    webhook, caller, number
):
    response = webhook.post(language="zh-hans", call_id="c-5", event="ringing", caller=number)
    assert response.status_code == 422
    error = error_of(response)
    assert error["fields"] == {"caller": ["请输入有效的电话号码。"]}
    assert not Call.objects.exists()


def test_a_missing_caller_is_refused_in_english(webhook):
    response = webhook.post(call_id="c-6", event="ringing")
    assert response.status_code == 422
    assert error_of(response)["fields"] == {"caller": ["This field is required."]}
    assert not Call.objects.exists()


def test_a_bad_recording_address_is_refused(webhook):
    response = webhook.post(
        call_id="c-7", event="ended", caller="13812345678", recording_url="javascript:alert(1)"
    )
    assert response.status_code == 422
    assert set(error_of(response)["fields"]) == {"recording_url"}
    assert not Call.objects.exists()


def test_the_recording_is_kept_from_the_first_event_that_has_one(webhook):
    webhook.post(call_id="c-8", event="answered", caller="13812345678", extension="8001")
    webhook.post(
        call_id="c-8",
        event="ended",
        caller="13812345678",
        recording_url="https://pbx.example.com/rec/c-8.wav",
    )
    assert Call.objects.get().recording_url == "https://pbx.example.com/rec/c-8.wav"


@pytest.mark.parametrize("role", ["agent", "supervisor", "manager"])
def test_a_token_without_cti_add_call_is_refused(client, cast, role):
    response = client.post(
        "/api/v1/cti/calls",
        {"call_id": "c-9", "event": "ringing", "caller": "13812345678"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 403
    assert error_of(response)["message"] == "您无权执行此操作。"
    assert not Call.objects.exists()


def test_without_a_token_the_webhook_answers_401(client, db):
    response = client.post(
        "/api/v1/cti/calls",
        {"call_id": "c-10", "event": "ringing", "caller": "13812345678"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Call.objects.exists()


def test_several_customers_with_the_number_choose_none(webhook, cast, caller):
    create_customer(actor=cast.agent, data={"name": "张伟（公司）", "phone": "138 1234 5678"})
    body = webhook.post(call_id="c-11", event="ringing", caller="+86 13812345678").json()
    assert body["customer_id"] is None
    assert Call.objects.get().customer is None


def test_an_unknown_caller_matches_no_customer(webhook, caller):
    body = webhook.post(call_id="c-12", event="ringing", caller="13900001111").json()
    assert body["customer_id"] is None
    assert body["caller"] == "139****1111"


def test_callee_names_the_extension_too_and_an_unmapped_one_has_no_agent(webhook, cast):
    mapped = webhook.post(call_id="c-13", event="ringing", caller="13812345678", callee="8001")
    unmapped = webhook.post(call_id="c-14", event="ringing", caller="13812345678", callee="9999")
    assert mapped.json()["agent"] == "agent"
    assert unmapped.json()["agent"] is None
    assert Call.objects.get(call_id="c-14").extension == "9999"


def test_the_answering_extension_becomes_the_calls_agent(webhook, cast, other_agent):
    webhook.post(call_id="c-15", event="ringing", caller="13812345678", extension="8001")
    body = webhook.post(
        call_id="c-15", event="answered", caller="13812345678", extension="8002"
    ).json()
    assert body["agent"] == "agent2"
    assert Call.objects.get().agent == other_agent


def test_each_applied_event_is_audited_with_the_number_masked(webhook, pbx):
    webhook.post(call_id="c-16", event="ringing", caller="13812345678")
    webhook.post(call_id="c-16", event="ended", caller="13812345678")
    entries = list(AuditEntry.objects.filter(object_type="cti.call").order_by("id"))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[0].actor == pbx
    assert "13812345678" not in str([e.changes for e in entries])
    assert entries[0].changes["caller"] == [None, "138****5678"]
