"""send_message: address, consent, opt-out and deduplication decide what is written."""

from __future__ import annotations

import pytest

from kefu.core.errors import ValidationFailed
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401
from kefu.messaging.choices import DeliveryStatus, SkipReason
from kefu.messaging.models import Delivery, OptOut
from kefu.messaging.services import record_opt_out, send_message
from kefu.messaging.unsubscribe import read_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kefu.messaging.tests.urls")]


def _send(customer, channel="sms", purpose="marketing", **kw):
    return send_message(
        customer=customer,
        channel=channel,
        subject=kw.pop("subject", "周末特惠"),
        body=kw.pop("body", "本周五会员日，全场八折。"),
        purpose=purpose,
        **kw,
    )


def test_marketing_without_consent_is_skipped_with_the_reason():
    customer = CustomerFactory.create(marketing_consent=False)
    delivery = _send(customer)
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.reason == SkipReason.NO_CONSENT
    assert Delivery.objects.filter(customer=customer).count() == 1


def test_care_messages_also_need_consent():
    delivery = _send(CustomerFactory.create(marketing_consent=False), purpose="care")
    assert (delivery.status, delivery.reason) == ("skipped", "no_consent")


def test_service_message_needs_no_consent_and_has_no_unsubscribe_link():
    delivery = _send(
        CustomerFactory.create(marketing_consent=False), purpose="service", body="请评价"
    )
    assert delivery.status == DeliveryStatus.QUEUED
    assert delivery.body == "请评价"
    assert "/m/u/" not in delivery.body


def test_marketing_with_consent_is_queued_with_a_signed_unsubscribe_link():
    customer = CustomerFactory.create(marketing_consent=True, phone="13800138000")
    delivery = _send(customer)
    assert delivery.status == DeliveryStatus.QUEUED
    assert delivery.reason == ""
    assert delivery.address == "13800138000"
    assert delivery.body.startswith("本周五会员日，全场八折。")
    token = delivery.body.split("/m/u/")[1].split("/")[0]
    wanted = read_token(token)
    assert wanted is not None
    assert (wanted.customer_id, wanted.channel) == (customer.pk, "sms")


def test_opt_out_blocks_marketing_and_care_on_that_channel_but_not_service():
    customer = CustomerFactory.create(marketing_consent=True, email="li@example.com")
    record_opt_out(customer=customer, channel="sms")
    customer.refresh_from_db()
    assert customer.marketing_consent is False
    # The customer consents again (at the counter): the SMS opt-out still holds, email does not.
    customer.marketing_consent = True
    customer.save()
    sms = _send(customer, channel="sms")
    care = _send(customer, channel="sms", purpose="care")
    email = _send(customer, channel="email")
    service = _send(customer, channel="sms", purpose="service")
    assert (sms.status, sms.reason) == ("skipped", SkipReason.OPTED_OUT)
    assert (care.status, care.reason) == ("skipped", SkipReason.OPTED_OUT)
    assert email.status == DeliveryStatus.QUEUED
    assert service.status == DeliveryStatus.QUEUED


def test_opt_out_is_audited_once_and_idempotent():
    from kefu.audit.models import AuditEntry

    customer = CustomerFactory.create(marketing_consent=True)
    record_opt_out(customer=customer, channel="email")
    record_opt_out(customer=customer, channel="email")
    assert OptOut.objects.filter(customer=customer).count() == 1
    entries = AuditEntry.objects.filter(
        object_type="customers.customer", object_id=str(customer.pk)
    )
    assert entries.count() == 1
    assert entries.get().changes["marketing_consent"] == [True, False]


def test_missing_or_invalid_addresses_are_skipped():
    no_phone = _send(CustomerFactory.create(phone="", marketing_consent=True))
    bad_phone = _send(CustomerFactory.create(phone="12", marketing_consent=True))
    no_email = _send(CustomerFactory.create(email="", marketing_consent=True), channel="email")
    bad_email = _send(
        CustomerFactory.create(email="not-an-email", marketing_consent=True), channel="email"
    )
    assert no_phone.reason == SkipReason.NO_ADDRESS
    assert bad_phone.reason == SkipReason.BAD_ADDRESS
    assert no_email.reason == SkipReason.NO_ADDRESS
    assert bad_email.reason == SkipReason.BAD_ADDRESS
    assert {d.status for d in (no_phone, bad_phone, no_email, bad_email)} == {"skipped"}


def test_archived_customer_gets_nothing_even_service_messages():
    delivery = _send(CustomerFactory.create(is_active=False), purpose="service")
    assert (delivery.status, delivery.reason) == ("skipped", SkipReason.INACTIVE)


def test_same_dedupe_key_twice_writes_one_delivery():
    customer = CustomerFactory.create(marketing_consent=True)
    first = _send(customer, dedupe_key="campaign:1:7")
    second = _send(customer, dedupe_key="campaign:1:7", body="不同的内容")
    other = _send(customer, dedupe_key="campaign:2:7")
    assert second.pk == first.pk
    assert other.pk != first.pk
    assert Delivery.objects.filter(customer=customer).count() == 2


def test_unknown_channel_or_empty_body_is_refused_and_nothing_written():
    customer = CustomerFactory.create(marketing_consent=True)
    with pytest.raises(ValidationFailed) as refused:
        _send(customer, channel="fax", body=" ")
    assert set(refused.value.fields) == {"channel", "body"}
    assert not Delivery.objects.exists()


def test_phone_is_masked_in_the_delivery_label():
    delivery = _send(CustomerFactory.create(marketing_consent=True, phone="13800138000"))
    assert delivery.masked_address == "138****8000"
    assert "13800138000" not in str(delivery)


def test_messages_show_on_the_customer_timeline_for_staff_only(cast):
    from kefu.customers.timeline import timeline_for

    customer = CustomerFactory.create(marketing_consent=False)
    _send(customer, subject="", body="会员日八折")
    entries = [e for e in timeline_for(customer, cast.agent) if e.kind == "message"]
    assert len(entries) == 1
    assert entries[0].detail == "会员日八折 · No marketing consent"
    handler_kinds = [e.kind for e in timeline_for(customer, cast.handler)]
    assert "message" not in handler_kinds


def test_merging_two_customers_who_both_opted_out_keeps_the_opt_out(cast):
    from kefu.customers.merging import merge_customers

    keep = CustomerFactory.create(marketing_consent=True)
    remove = CustomerFactory.create(marketing_consent=True)
    record_opt_out(customer=keep, channel="sms")
    record_opt_out(customer=remove, channel="sms")
    merge_customers(actor=cast.manager, keep=keep, remove=remove, reason="同一人")
    keep.refresh_from_db()
    keep.marketing_consent = True
    keep.save()
    assert _send(keep).reason == SkipReason.OPTED_OUT
