"""Survey templates: questions, the one overall satisfaction question, the shipped template."""

from __future__ import annotations

import pytest

from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.surveys.demo import ensure_demo_surveys
from kefu.surveys.models import SurveyQuestion, SurveyTemplate
from kefu.surveys.services import (
    QuestionText,
    create_template,
    delete_question,
    save_question,
    submit_response,
)

pytestmark = pytest.mark.django_db


def test_the_shipped_questionnaire_is_made_once_with_one_overall_question(cast):
    first = ensure_demo_surveys(cast.manager)
    again = ensure_demo_surveys(cast.manager)
    assert first == again
    assert SurveyTemplate.objects.count() == 1
    assert first.name == "客户满意度回访问卷"
    overall = first.questions.get(is_overall=True)
    assert overall.kind == "satisfaction"
    assert overall.is_required
    assert 3 <= first.questions.count() <= 4


def test_marking_another_question_overall_moves_the_mark(cast, questionnaire):
    other = questionnaire.questions.filter(kind="satisfaction", is_overall=False).get()
    save_question(
        actor=cast.supervisor, template=questionnaire, question=other,
        data=QuestionText(text=other.text, kind="satisfaction", is_overall=True, order=5),
    )  # fmt: skip
    assert list(questionnaire.questions.filter(is_overall=True)) == [other]


def test_only_a_satisfaction_question_can_be_overall(cast, questionnaire):
    with pytest.raises(ValidationFailed) as caught:
        save_question(
            actor=cast.manager, template=questionnaire,
            data=QuestionText(text="建议", kind="text", is_overall=True),
        )  # fmt: skip
    assert "is_overall" in caught.value.fields
    assert questionnaire.questions.filter(is_overall=True).count() == 1


def test_a_choice_question_needs_two_options(cast, questionnaire):
    with pytest.raises(ValidationFailed) as caught:
        save_question(
            actor=cast.manager, template=questionnaire,
            data=QuestionText(text="渠道", kind="choice", options=("电话", " ")),
        )  # fmt: skip
    assert caught.value.fields["options"] == [
        "A single-choice question needs at least two options."
    ]


def test_agents_may_not_change_templates(cast, questionnaire):
    with pytest.raises(NotPermitted):
        create_template(actor=cast.agent, name="x")
    with pytest.raises(NotPermitted):
        save_question(
            actor=cast.agent, template=questionnaire, data=QuestionText(text="x", kind="text")
        )
    assert SurveyTemplate.objects.count() == 1


def test_template_names_are_unique(cast, questionnaire):
    with pytest.raises(ValidationFailed) as caught:
        create_template(actor=cast.manager, name="客户满意度回访问卷")
    assert caught.value.fields["name"] == ["A survey template with this name exists already."]


def test_an_answered_question_cannot_be_removed(cast, invitation):
    given = {
        f"q{q.pk}": ("satisfied" if q.kind == "satisfaction" else q.options[0])
        for q in invitation.template.questions.exclude(kind="text")
    }
    submit_response(invitation=invitation, given=given)
    overall = invitation.template.questions.get(is_overall=True)
    with pytest.raises(Conflict, match="no longer be removed"):
        delete_question(actor=cast.manager, question=overall)
    assert SurveyQuestion.objects.filter(pk=overall.pk).exists()
    unanswered = invitation.template.questions.get(kind="text")
    delete_question(actor=cast.manager, question=unanswered)
    assert not SurveyQuestion.objects.filter(pk=unanswered.pk).exists()
