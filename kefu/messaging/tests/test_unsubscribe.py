"""The signed unsubscribe link: valid → opt-out recorded; tampered → clear page, nothing."""

from __future__ import annotations

import pytest
from django.core import signing

from kefu.audit.models import AuditEntry
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401
from kefu.messaging.models import OptOut
from kefu.messaging.services import send_message
from kefu.messaging.unsubscribe import make_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kefu.messaging.tests.urls")]


@pytest.fixture
def client(client):
    """A customer's browser asking for English pages."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _link_in_message(customer):
    delivery = send_message(
        customer=customer, channel="sms", subject="", body="八折", purpose="marketing"
    )
    return "/m/u/" + delivery.body.split("/m/u/")[1].split()[0]


def test_the_link_asks_first_and_records_nothing_on_get(client):
    customer = CustomerFactory.create(marketing_consent=True)
    link = _link_in_message(customer)
    page = client.get(link)
    assert page.status_code == 200
    assert 'data-testid="confirm-unsubscribe"' in page.content.decode()
    assert not OptOut.objects.exists()


def test_confirming_records_the_opt_out_and_withdraws_consent(client):
    customer = CustomerFactory.create(marketing_consent=True)
    link = _link_in_message(customer)
    done = client.post(link)
    assert done.status_code == 200
    assert "You will no longer receive promotions and greetings by SMS." in done.content.decode()
    assert OptOut.objects.get().customer_id == customer.pk
    customer.refresh_from_db()
    assert customer.marketing_consent is False
    entry = AuditEntry.objects.get(object_id=str(customer.pk))
    assert entry.actor is None
    assert entry.reason == "Unsubscribed by the customer"
    # After that, the next marketing SMS is skipped.
    customer.marketing_consent = True
    customer.save()
    again = send_message(customer=customer, channel="sms", subject="", body="x", purpose="care")
    assert again.reason == "opted_out"


@pytest.mark.parametrize(
    "token",
    [
        "tampered",
        make_token(customer_id=1, channel="sms")[:-2] + "xx",
        signing.dumps({"c": 1, "ch": "sms"}, salt="another.salt"),
        signing.dumps({"c": "1", "ch": "sms"}, salt="kefu.messaging.unsubscribe"),
    ],
    # Fixed ids: the tokens carry a timestamp, and parallel workers must collect the same tests.
    ids=["garbage", "bad-signature", "other-salt", "string-id"],
)
def test_a_tampered_link_gets_a_clear_page_and_records_nothing(client, token):
    customer = CustomerFactory.create(marketing_consent=True)
    assert customer.pk  # a customer exists that a forged id could name
    for method in (client.get, client.post):
        page = method(f"/m/u/{token}/")
        assert page.status_code == 400
        assert "This unsubscribe link is not valid. Nothing was changed." in page.content.decode()
    assert not OptOut.objects.exists()
    customer.refresh_from_db()
    assert customer.marketing_consent is True


def test_a_link_for_another_customer_id_cannot_be_forged_from_a_real_one(client):
    mine = CustomerFactory.create(marketing_consent=True)
    other = CustomerFactory.create(marketing_consent=True)
    token = make_token(customer_id=mine.pk, channel="sms")
    forged = token.replace(str(mine.pk), str(other.pk))
    client.post(f"/m/u/{forged}/")
    other.refresh_from_db()
    assert other.marketing_consent is True
