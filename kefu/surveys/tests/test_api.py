"""Surveys API: list responses (scoped, cursor), send a work order's survey."""

from __future__ import annotations

import pytest

from kefu.messaging.models import Delivery
from kefu.surveys.links import survey_path
from kefu.surveys.models import SurveyInvitation
from kefu.surveys.services import invite_for_ticket, submit_response
from kefu.surveys.tests.conftest import make_customer, open_ticket

pytestmark = pytest.mark.django_db

URL = "/api/v1/surveys"


def headers(cast, role):
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


def answer(invitation, level):
    given = {
        f"q{q.pk}": (level if q.kind == "satisfaction" else q.options[0])
        for q in invitation.template.questions.exclude(kind="text")
    }
    return submit_response(invitation=invitation, given=given)


def test_posting_an_invitation_sends_the_link_and_returns_it(client, cast, ticket, questionnaire):
    response = client.post(
        f"{URL}/invitations", {"ticket": ticket.number, "channel": "sms"},
        content_type="application/json", headers=headers(cast, "agent"),
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    invitation = SurveyInvitation.objects.get()
    assert body["ticket"] == ticket.number
    assert body["status"] == "sent"
    assert body["url"].endswith(survey_path(invitation.pk, invitation.nonce))
    assert Delivery.objects.filter(dedupe_key=f"survey:{invitation.pk}").exists()
    again = client.post(
        f"{URL}/invitations", {"ticket": ticket.number, "channel": "sms"},
        content_type="application/json", headers=headers(cast, "agent"),
    )  # fmt: skip
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "survey_waiting"


def test_a_handler_may_not_post_invitations(client, cast, ticket, questionnaire):
    response = client.post(
        f"{URL}/invitations", {"ticket": ticket.number, "channel": "sms"},
        content_type="application/json", headers=headers(cast, "handler"),
    )  # fmt: skip
    assert response.status_code == 403
    assert not SurveyInvitation.objects.exists()


def test_an_unknown_work_order_is_404(client, cast, questionnaire):
    response = client.post(
        f"{URL}/invitations", {"ticket": "TS20990101-0001", "channel": "sms"},
        content_type="application/json", headers=headers(cast, "agent"),
    )  # fmt: skip
    assert response.status_code == 404


def test_responses_come_newest_first_a_page_at_a_time(client, cast, questionnaire):
    levels = ["very_satisfied", "neutral", "dissatisfied"]
    for i, level in enumerate(levels):
        customer = make_customer(cast, f"客户{i}", phone=f"1390000010{i}")
        ticket = open_ticket(cast, customer)
        answer(invite_for_ticket(actor=cast.agent, ticket=ticket, channel="sms"), level)
    first = client.get(f"{URL}/responses", {"limit": 2}, headers=headers(cast, "qa")).json()
    assert [r["level"] for r in first["items"]] == ["dissatisfied", "neutral"]
    assert first["items"][0]["answers"][0]["is_overall"] is True
    rest = client.get(
        f"{URL}/responses", {"limit": 2, "cursor": first["next_cursor"]},
        headers=headers(cast, "qa"),
    ).json()  # fmt: skip
    assert [r["level"] for r in rest["items"]] == ["very_satisfied"]
    assert rest["next_cursor"] is None
    only = client.get(f"{URL}/responses", {"level": "neutral"}, headers=headers(cast, "qa")).json()
    assert [r["level"] for r in only["items"]] == ["neutral"]


def test_handlers_see_no_responses(client, cast, invitation):
    answer(invitation, "satisfied")
    response = client.get(f"{URL}/responses", headers=headers(cast, "handler"))
    assert response.status_code == 403
