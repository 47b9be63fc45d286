"""Demo surveys (演示调查问卷): the shipped template, made once.

``ensure_demo_surveys(actor)`` is idempotent: when a template of the shipped name exists it is
left alone. The actor needs ``surveys.add_surveytemplate`` and ``change_surveytemplate`` (a
manager or supervisor).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kefu.surveys.models import SurveyTemplate
from kefu.surveys.presets import SHIPPED_INTRO, SHIPPED_NAME, SHIPPED_QUESTIONS
from kefu.surveys.services import QuestionText, create_template, save_question


def ensure_demo_surveys(actor: Any) -> SurveyTemplate:
    """The shipped satisfaction questionnaire (客户满意度回访问卷), created if missing."""
    with transaction.atomic():
        existing = SurveyTemplate.objects.filter(name=SHIPPED_NAME).first()
        if existing is not None:
            return existing
        template = create_template(actor=actor, name=SHIPPED_NAME, intro=SHIPPED_INTRO)
        for order, (text, kind, options, required, overall) in enumerate(SHIPPED_QUESTIONS, 1):
            save_question(
                actor=actor,
                template=template,
                data=QuestionText(
                    text=text, kind=kind, options=options, is_required=required,
                    is_overall=overall, order=order * 10,
                ),
            )  # fmt: skip
    return template
