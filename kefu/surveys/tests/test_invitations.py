"""Sending one work order's survey: who may, what is refused, the delivery written."""

from __future__ import annotations

import pytest

from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.messaging.models import Delivery
from kefu.surveys.links import survey_url
from kefu.surveys.models import SurveyInvitation
from kefu.surveys.services import invite_for_ticket
from kefu.surveys.tests.conftest import make_customer, open_ticket

pytestmark = pytest.mark.django_db


def test_an_agent_sends_the_survey_of_a_work_order_through_messaging(cast, ticket, questionnaire):
    invitation = invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms")
    assert invitation.ticket == ticket
    assert invitation.customer == ticket.customer
    assert invitation.template == questionnaire
    assert invitation.created_by == cast.agent
    assert invitation.status == "sent"
    assert len(invitation.nonce) >= 20
    delivery = Delivery.objects.get(dedupe_key=f"survey:{invitation.pk}")
    assert delivery.status == "queued"
    assert delivery.purpose == "service"
    assert survey_url(invitation.pk, invitation.nonce) in delivery.body
    assert ticket.number in delivery.body
    assert "满意" in delivery.body  # written in the site's language, not the agent's


def test_a_second_survey_waits_for_the_answer_of_the_first(cast, ticket, questionnaire):
    invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms")
    with pytest.raises(Conflict, match="still waiting"):
        invite_for_ticket(actor=cast.agent, ticket=ticket, channel="email")
    assert SurveyInvitation.objects.count() == 1
    assert Delivery.objects.count() == 1


def test_no_survey_by_sms_to_a_customer_without_a_phone(cast, questionnaire):
    customer = make_customer(cast, "王芳", phone="", email="wf@example.com")
    ticket = open_ticket(cast, customer)
    with pytest.raises(ValidationFailed) as caught:
        invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms")
    assert caught.value.fields["channel"] == ["The customer has no mobile phone on file."]
    assert not SurveyInvitation.objects.exists()
    assert not Delivery.objects.exists()
    assert invite_for_ticket(actor=cast.agent, ticket=ticket, channel="email").status == "sent"


@pytest.mark.parametrize("role", ["qa", "auditor", "handler", "partner"])
def test_only_service_staff_send_surveys(cast, ticket, questionnaire, role):
    with pytest.raises((NotPermitted, NotFound)):
        invite_for_ticket(actor=cast.by_role(role), ticket=ticket, channel="sms")
    assert not SurveyInvitation.objects.exists()


def test_without_an_active_template_nothing_is_sent(cast, ticket, questionnaire):
    questionnaire.is_active = False
    questionnaire.save()
    with pytest.raises(Conflict, match="no active survey template"):
        invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms")
    assert not Delivery.objects.exists()
