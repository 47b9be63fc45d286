"""The send worker: exactly once, rate-limited, retried; real SMTP and a real HTTP gateway."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from email.header import decode_header, make_header

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY

from kefu.core.clock import now
from kefu.customers.tests.factories import CustomerFactory
from kefu.messaging import ratelimit, sending
from kefu.messaging.choices import DeliveryStatus
from kefu.messaging.models import Delivery, SendWindow
from kefu.messaging.services import send_message

pytestmark = pytest.mark.urls("kefu.messaging.tests.urls")


def _queue(count, channel="sms", purpose="service", **customer):
    rows = []
    for n in range(count):
        person = CustomerFactory.create(
            phone=f"1390000{n:04d}", email=f"c{n}@example.com", marketing_consent=True, **customer
        )
        rows.append(
            send_message(
                customer=person,
                channel=channel,
                subject="会员日",
                body=f"您好，第{n}号消息",
                purpose=purpose,
            )
        )
    return rows


def _pin_clock(monkeypatch, at):
    monkeypatch.setattr(sending, "now", lambda: at)


@pytest.mark.django_db
def test_log_adapter_marks_the_delivery_sent(settings, caplog):
    settings.KEFU_SMS_BACKEND = "log"
    (delivery,) = _queue(1)
    with caplog.at_level("INFO", logger="kefu.messaging.adapters"):
        assert sending.dispatch("sms") == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert delivery.provider_message_id == f"log-{delivery.pk}"
    assert "第0号消息" in caplog.text
    assert "13900000000" not in caplog.text  # the log shows the masked number


@pytest.mark.django_db
def test_rate_limit_holds_per_minute_and_the_rest_waits_for_the_next_minute(settings, monkeypatch):
    settings.KEFU_SMS_BACKEND = "log"
    settings.KEFU_SMS_PER_MINUTE = 3
    rows = _queue(7)
    minute = now().replace(second=5, microsecond=0) + dt.timedelta(minutes=1)
    _pin_clock(monkeypatch, minute)
    assert sending.dispatch("sms") == 3
    assert sending.dispatch("sms") == 0  # same minute: the window is full
    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses.count("sent") == 3
    assert statuses.count("queued") == 4
    assert ratelimit.used("sms", minute) == 3
    # The released rows were not charged an attempt.
    assert set(Delivery.objects.filter(status="queued").values_list("attempts", flat=True)) == {0}
    _pin_clock(monkeypatch, minute + dt.timedelta(minutes=1))
    assert sending.dispatch("sms") == 3
    _pin_clock(monkeypatch, minute + dt.timedelta(minutes=2))
    assert sending.dispatch("sms") == 1
    assert Delivery.objects.filter(status="sent").count() == len(rows)
    # Sent in the order they were queued.
    first_three = Delivery.objects.filter(pk__in=[r.pk for r in rows[:3]])
    assert {d.sent_at for d in first_three} == {minute}


@pytest.mark.django_db
def test_each_channel_has_its_own_limit(settings, monkeypatch):
    settings.KEFU_SMS_BACKEND = "log"
    settings.KEFU_SMS_PER_MINUTE = 1
    settings.KEFU_EMAIL_PER_MINUTE = 5
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _queue(2, channel="sms")
    _queue(2, channel="email")
    assert sending.dispatch() == 3
    assert Delivery.objects.filter(channel="email", status="sent").count() == 2
    assert Delivery.objects.filter(channel="sms", status="sent").count() == 1


def _run_workers(count, target):
    barrier = threading.Barrier(count)
    results: list[int] = []
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            results.append(target())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_queued_message_exactly_once(settings, sms_gateway):
    settings.KEFU_SMS_PER_MINUTE = 1000
    rows = _queue(24)
    results = _run_workers(2, lambda: sending.dispatch("sms"))
    assert sum(results) == 24
    numbers = [r["json"]["to"] for r in sms_gateway.received]
    assert len(numbers) == 24
    assert sorted(numbers) == sorted(r.address for r in rows)  # each number once
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_two_workers_together_stay_within_the_minute_limit(settings, sms_gateway, monkeypatch):
    settings.KEFU_SMS_PER_MINUTE = 5
    _queue(12)
    _pin_clock(monkeypatch, now().replace(second=1, microsecond=0) + dt.timedelta(minutes=1))
    results = _run_workers(2, lambda: sending.dispatch("sms"))
    assert sum(results) == 5
    assert len(sms_gateway.received) == 5
    assert Delivery.objects.filter(status="sent").count() == 5
    assert Delivery.objects.filter(status="queued").count() == 7
    assert SendWindow.objects.get().used == 5


@pytest.mark.django_db
def test_email_goes_out_through_a_real_smtp_server(smtp_server):
    (delivery,) = _queue(1, channel="email", purpose="marketing")
    assert sending.dispatch("email") == 1
    (message,) = smtp_server.to("c0@example.com")
    assert str(make_header(decode_header(message["Subject"]))) == "会员日"
    text = message.get_payload(decode=True).decode("utf-8")
    assert "第0号消息" in text
    assert "/m/u/" in text  # the unsubscribe link travels with marketing email
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert delivery.provider_message_id == message["Message-ID"]


@pytest.mark.django_db
def test_smtp_failure_is_retried_then_marked_failed(settings, monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    (delivery,) = _queue(1, channel="email")
    start = now()
    for attempt in range(1, sending.MAX_ATTEMPTS + 1):
        _pin_clock(monkeypatch, start + dt.timedelta(minutes=10 * attempt))
        sending.dispatch("email")
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        assert "ConnectionRefusedError" in delivery.error
        if attempt < sending.MAX_ATTEMPTS:
            assert delivery.status == "queued"
            assert delivery.next_attempt_at > start + dt.timedelta(minutes=10 * attempt)
            assert sending.dispatch("email") == 0  # not before its next attempt
    assert delivery.status == "failed"


@pytest.mark.django_db
def test_http_gateway_gets_json_with_the_bearer_token(sms_gateway):
    (delivery,) = _queue(1)
    sending.dispatch("sms")
    (post,) = sms_gateway.received
    assert post["json"] == {"to": "13900000000", "text": "您好，第0号消息"}
    assert post["authorization"] == "Bearer gw-secret"
    assert post["content_type"].startswith("application/json")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.provider_message_id) == ("sent", "gw-1")


@pytest.mark.django_db
def test_http_gateway_error_is_recorded_and_retried(sms_gateway):
    sms_gateway.status = 503
    (delivery,) = _queue(1)
    sending.dispatch("sms")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.error, delivery.attempts) == ("queued", "HTTP 503", 1)
    assert delivery.sent_at is None


@pytest.mark.django_db
def test_http_backend_without_url_fails_clearly(settings):
    settings.KEFU_SMS_BACKEND = "http"
    settings.KEFU_SMS_URL = ""
    (delivery,) = _queue(1)
    sending.dispatch("sms")
    delivery.refresh_from_db()
    assert delivery.error == "KEFU_SMS_URL is not set"


@pytest.mark.django_db
def test_a_send_interrupted_mid_way_is_failed_never_resent(settings):
    settings.KEFU_SMS_BACKEND = "log"
    (delivery,) = _queue(1)
    assert sending.claim(delivery.pk, now() - dt.timedelta(hours=1))
    assert sending.fail_stuck() == 1
    assert sending.dispatch("sms") == 0
    delivery.refresh_from_db()
    assert delivery.status == "failed"


@pytest.mark.django_db
def test_the_queue_is_sent_after_commit_through_huey(settings, django_capture_on_commit_callbacks):
    settings.KEFU_SMS_BACKEND = "log"
    was_immediate = HUEY.immediate
    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            (delivery,) = _queue(1)
            delivery.refresh_from_db()
            assert delivery.status == "queued"  # nothing goes out before the commit
    finally:
        HUEY.immediate = was_immediate
    delivery.refresh_from_db()
    assert delivery.status == "sent"
