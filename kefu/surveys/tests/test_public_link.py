"""The signed survey link: the public page without login, expiry, tampering, answering once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse

from kefu.core.clock import now
from kefu.core.errors import Conflict
from kefu.surveys.links import make_token, read_token, survey_path
from kefu.surveys.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from kefu.surveys.services import submit_response
from kefu.tickets.feedback_models import SatisfactionRecord
from kefu.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db


def path_of(invitation: SurveyInvitation) -> str:
    return survey_path(invitation.pk, invitation.nonce)


def full_answers(invitation: SurveyInvitation, overall: str = "satisfied") -> dict[str, str]:
    given = {}
    for q in invitation.template.questions.order_by("order"):
        if q.is_overall:
            given[f"q{q.pk}"] = overall
        elif q.kind == "choice":
            given[f"q{q.pk}"] = q.options[1]
        elif q.kind == "satisfaction":
            given[f"q{q.pk}"] = "very_satisfied"
        else:
            given[f"q{q.pk}"] = "维修师傅很专业，谢谢。"
    return given


def nothing_recorded() -> None:
    assert SurveyResponse.objects.count() == 0
    assert SurveyAnswer.objects.count() == 0
    assert SatisfactionRecord.objects.count() == 0
    assert not TicketEvent.objects.filter(kind="satisfaction").exists()


def test_a_valid_link_opens_the_survey_without_login_and_never_shows_the_phone(
    client, invitation, ticket
):
    response = client.get(path_of(invitation))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="survey-form"' in page
    assert '<html lang="zh-Hans">' in page
    assert 'name="viewport"' in page
    assert "客户满意度回访问卷" in page
    assert "您对本次服务的总体满意度如何？" in page
    assert "非常满意" in page
    assert "非常不满意" in page
    assert ticket.number in page
    assert ticket.title in page
    assert "13900139000" not in page
    assert "139****9000" not in page
    assert "<script" not in page
    assert "style=" not in page
    assert "<style" not in page
    assert '<link rel="stylesheet" href="/static/surveys/survey' in page
    assert "no-store" in response["Cache-Control"]
    invitation.refresh_from_db()
    assert invitation.opened_at is not None
    assert invitation.status == "opened"


def test_a_valid_submission_records_answers_one_satisfaction_record_and_the_event(
    client, invitation, ticket
):
    response = client.post(path_of(invitation), full_answers(invitation, "very_satisfied"))
    assert response.status_code == 200
    assert 'data-testid="survey-thanks"' in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.invitation == invitation
    assert saved.level == "very_satisfied"
    assert saved.ticket == ticket
    assert saved.answers.count() == 4
    assert saved.answers.filter(value="维修师傅很专业，谢谢。").exists()
    record = SatisfactionRecord.objects.get()
    assert (record.source, record.level, record.ticket, record.customer) == (
        "survey", "very_satisfied", ticket, ticket.customer,
    )  # fmt: skip
    assert record.recorded_by is None
    assert saved.satisfaction_record == record
    event = TicketEvent.objects.get(ticket=ticket, kind="satisfaction")
    assert event.actor is None
    assert event.data["satisfaction"] == "very_satisfied"
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert invitation.status == "answered"


def test_a_second_submission_records_nothing_and_thanks_again(client, invitation):
    client.post(path_of(invitation), full_answers(invitation, "satisfied"))
    again = client.post(path_of(invitation), full_answers(invitation, "very_dissatisfied"))
    assert again.status_code == 200
    assert 'data-testid="survey-answered"' in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SatisfactionRecord.objects.get().level == "satisfied"
    assert TicketEvent.objects.filter(kind="satisfaction").count() == 1
    opened = client.get(path_of(invitation))
    assert 'data-testid="survey-answered"' in opened.content.decode()


def test_the_service_refuses_a_stale_copy_of_an_answered_invitation(invitation):
    stale = SurveyInvitation.objects.get(pk=invitation.pk)
    assert submit_response(invitation=invitation, given=full_answers(invitation)) is not None
    assert stale.answered_at is None  # loaded before the answer: the UPDATE guard decides
    assert submit_response(invitation=stale, given=full_answers(stale, "dissatisfied")) is None
    assert SurveyResponse.objects.count() == 1
    assert SatisfactionRecord.objects.count() == 1


def test_an_expired_link_shows_a_clear_page_and_records_nothing(client, invitation):
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=now() - dt.timedelta(minutes=1)
    )
    opened = client.get(path_of(invitation))
    assert opened.status_code == 410
    assert "此调查链接已过期" in opened.content.decode()
    assert 'data-testid="survey-form"' not in opened.content.decode()
    posted = client.post(path_of(invitation), full_answers(invitation))
    assert posted.status_code == 410
    assert "此调查链接已过期" in posted.content.decode()
    nothing_recorded()
    invitation.refresh_from_db()
    assert invitation.opened_at is None
    assert invitation.answered_at is None


def test_a_link_expiring_while_the_page_is_open_records_nothing(invitation):
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(Conflict, match="expired"):
        submit_response(invitation=invitation, given=full_answers(invitation))
    nothing_recorded()


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), id="signature-changed"),
        pytest.param(lambda t: "x" + t, id="payload-changed"),
        pytest.param(lambda t: t.split(":")[0], id="signature-cut"),
        pytest.param(lambda t: "not-a-token", id="garbage"),
    ],
)
def test_a_tampered_link_shows_invalid_and_records_nothing(client, invitation, mangle):
    token = make_token(invitation.pk, invitation.nonce)
    bad = reverse("surveys:answer", kwargs={"token": mangle(token)})
    opened = client.get(bad)
    assert opened.status_code == 404
    assert "链接无效" in opened.content.decode()
    posted = client.post(bad, full_answers(invitation))
    assert posted.status_code == 404
    assert "链接无效" in posted.content.decode()
    nothing_recorded()
    invitation.refresh_from_db()
    assert invitation.opened_at is None


def test_a_link_signed_for_another_purpose_or_with_a_wrong_nonce_is_invalid(client, invitation):
    unsalted = signing.Signer().sign_object({"i": invitation.pk, "n": invitation.nonce})
    assert read_token(unsalted) is None
    wrong_nonce = make_token(invitation.pk, "guessed-nonce")
    unknown = make_token(invitation.pk + 1000, invitation.nonce)
    for token in (unsalted, wrong_nonce, unknown):
        response = client.post(
            reverse("surveys:answer", kwargs={"token": token}), full_answers(invitation)
        )
        assert response.status_code == 404
        assert "链接无效" in response.content.decode()
    nothing_recorded()


def test_a_missing_required_answer_is_shown_in_chinese_and_typed_answers_are_kept(
    client, invitation
):
    given = full_answers(invitation)
    overall = invitation.template.questions.get(is_overall=True)
    del given[f"q{overall.pk}"]
    response = client.post(path_of(invitation), given, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 422
    assert "请回答标记的问题" in page
    assert "请回答此问题" in page
    assert "维修师傅很专业，谢谢。" in page  # the free text typed is still there
    choice = invitation.template.questions.get(kind="choice")
    assert f'value="{choice.options[1]}" checked' in page
    nothing_recorded()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_an_answer_outside_the_options_is_refused(client, invitation):
    given = full_answers(invitation)
    overall = invitation.template.questions.get(is_overall=True)
    given[f"q{overall.pk}"] = "ecstatic"
    response = client.post(path_of(invitation), given)
    assert response.status_code == 422
    nothing_recorded()


def test_a_survey_without_the_overall_answer_writes_no_satisfaction(client, cast, invitation):
    overall = invitation.template.questions.get(is_overall=True)
    overall.is_required = False
    overall.save()
    given = full_answers(invitation)
    del given[f"q{overall.pk}"]
    assert client.post(path_of(invitation), given).status_code == 200
    saved = SurveyResponse.objects.get()
    assert saved.level == ""
    assert saved.satisfaction_record is None
    assert SatisfactionRecord.objects.count() == 0
    assert not TicketEvent.objects.filter(kind="satisfaction").exists()
