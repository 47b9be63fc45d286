"""Console pages of surveys: who sees what, the work order panel and its send button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kefu.conftest import ROLES
from kefu.messaging.models import Delivery
from kefu.surveys.models import SurveyCampaign, SurveyInvitation, SurveyQuestion
from kefu.surveys.services import submit_response

pytestmark = pytest.mark.django_db


def login(client, cast, role):
    client.force_login(cast.by_role(role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def answered(invitation):
    given = {
        f"q{q.pk}": ("dissatisfied" if q.kind == "satisfaction" else q.options[0])
        for q in invitation.template.questions.exclude(kind="text")
    }
    return submit_response(invitation=invitation, given=given)


@pytest.mark.parametrize("role", ROLES)
def test_every_survey_page_answers_each_role_as_its_capabilities_say(client, cast, answered, role):
    login(client, cast, role)
    user = cast.by_role(role)
    pages = {
        reverse("surveys:responses"): "surveys.view_surveyresponse",
        reverse("surveys:response", args=[answered.pk]): "surveys.view_surveyresponse",
        reverse("surveys:templates"): "surveys.view_surveytemplate",
        reverse("surveys:template", args=[answered.template_id]): "surveys.view_surveytemplate",
        reverse("surveys:campaigns"): "surveys.view_surveycampaign",
        reverse("surveys:campaign_create"): "surveys.add_surveycampaign",
        reverse("surveys:template_create"): "surveys.add_surveytemplate",
    }
    for url, perm in pages.items():
        status = client.get(url).status_code
        assert status == (200 if user.has_perm(perm) else 403), (url, status)


def test_the_response_list_filters_by_level_and_work_order(client, cast, answered, ticket):
    login(client, cast, "supervisor")
    page = client.get(reverse("surveys:responses"), {"level": "dissatisfied"}).content.decode()
    assert ticket.number in page
    page = client.get(reverse("surveys:responses"), {"level": "satisfied"}).content.decode()
    assert ticket.number not in page
    page = client.get(reverse("surveys:responses"), {"ticket": "XX-1"}).content.decode()
    assert ticket.number not in page


def test_the_response_page_shows_the_answers_and_the_phone_masked(client, cast, answered):
    page = login(client, cast, "agent").get(reverse("surveys:response", args=[answered.pk]))
    text = page.content.decode()
    assert "Dissatisfied" in text
    assert "139****9000" in text
    assert "13900139000" not in text


def test_the_work_order_page_shows_the_survey_panel_with_the_send_button(client, cast, ticket):
    page = login(client, cast, "agent").get(reverse("tickets:detail", args=[ticket.number]))
    text = page.content.decode()
    assert 'data-testid="survey-panel"' in text
    assert 'data-testid="survey-send"' in text
    qa_page = login(client, cast, "qa").get(reverse("tickets:detail", args=[ticket.number]))
    assert 'data-testid="survey-panel"' in qa_page.content.decode()
    assert 'data-testid="survey-send"' not in qa_page.content.decode()


def test_the_send_button_sends_the_survey_and_lists_it(client, cast, ticket, questionnaire):
    login(client, cast, "agent")
    response = client.post(reverse("surveys:ticket_send", args=[ticket.number]), {"channel": "sms"})
    assert response.status_code == 302
    invitation = SurveyInvitation.objects.get(ticket=ticket)
    assert Delivery.objects.filter(dedupe_key=f"survey:{invitation.pk}").exists()
    page = client.get(reverse("tickets:detail", args=[ticket.number])).content.decode()
    assert "Survey link" in page
    again = client.post(
        reverse("surveys:ticket_send", args=[ticket.number]), {"channel": "sms"}, follow=True
    )
    assert "still waiting" in again.content.decode()
    assert SurveyInvitation.objects.count() == 1


def test_a_handler_cannot_send_a_survey(client, cast, ticket, questionnaire):
    login(client, cast, "handler")
    response = client.post(reverse("surveys:ticket_send", args=[ticket.number]), {"channel": "sms"})
    assert response.status_code == 403
    assert not SurveyInvitation.objects.exists()


def test_a_manager_builds_a_template_and_a_campaign_in_the_console(client, cast, customer):
    login(client, cast, "manager")
    response = client.post(
        reverse("surveys:template_create"), {"name": "门店回访", "intro": "", "is_active": "on"}
    )
    template_url = response["Location"]
    pk = int(template_url.rstrip("/").split("/")[-1])
    client.post(
        reverse("surveys:question_create", args=[pk]),
        {"text": "总体满意度", "kind": "satisfaction", "options": "", "is_required": "on",
         "is_overall": "on", "order": 10},
    )  # fmt: skip
    assert SurveyQuestion.objects.get(template_id=pk).is_overall
    bad = client.post(
        reverse("surveys:question_create", args=[pk]),
        {"text": "渠道", "kind": "choice", "options": "电话", "order": 20},
    )
    assert "A single-choice question needs at least two options." in bad.content.decode()
    type(customer).objects.filter(pk=customer.pk).update(grade="A")
    form = {"name": "A 类客户", "template": pk, "segment": "grades", "grades": ["A"],
            "channel": "sms", "valid_days": 7}  # fmt: skip
    preview = client.post(reverse("surveys:campaign_create"), {**form, "preview": "1"})
    assert "Customers reachable on this channel: 1" in preview.content.decode()
    assert not SurveyCampaign.objects.exists()
    created = client.post(reverse("surveys:campaign_create"), {**form, "create": "1"})
    campaign = SurveyCampaign.objects.get()
    assert created["Location"] == reverse("surveys:campaign", args=[campaign.pk])
    client.post(reverse("surveys:campaign_send", args=[campaign.pk]))
    page = client.get(reverse("surveys:campaign", args=[campaign.pk])).content.decode()
    assert 'data-testid="campaign-progress"' in page
    assert campaign.invitations.get().customer == customer
    assert Delivery.objects.count() == 1
