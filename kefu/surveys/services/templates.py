"""Keeping survey templates (维护调查问卷): the template and its questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.surveys.choices import QuestionKind
from kefu.surveys.models import SurveyQuestion, SurveyTemplate

MAX_OPTIONS = 20


@dataclass(frozen=True)
class QuestionText:
    text: str
    kind: str
    options: Sequence[str] = field(default_factory=tuple)
    is_required: bool = True
    is_overall: bool = False
    order: int = 0


def _require(actor: Any, perm: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(_("You may not change survey templates."))


def _check_template(name: str, exclude: int | None = None) -> None:
    if not name.strip():
        message = _("Give the template a name.")
        raise ValidationFailed(message, fields={"name": [message]})
    same = SurveyTemplate.objects.filter(name=name.strip())
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        message = _("A survey template with this name exists already.")
        raise ValidationFailed(message, fields={"name": [message]})


def create_template(
    *, actor: Any, name: str, intro: str = "", is_active: bool = True
) -> SurveyTemplate:
    """Create a survey template (新建调查问卷); questions are added one by one."""
    _require(actor, "surveys.add_surveytemplate")
    _check_template(name)
    with transaction.atomic():
        at = now()
        template = SurveyTemplate.objects.create(
            name=name.strip(), intro=intro.strip(), is_active=is_active, created_at=at,
            updated_at=at,
        )  # fmt: skip
        record(actor=actor, action=AuditAction.CREATE, obj=template, changes={"name": [None, name]})
    return template


def update_template(
    *, actor: Any, template: SurveyTemplate, name: str, intro: str, is_active: bool
) -> SurveyTemplate:
    """Rename, reword or (de)activate a survey template (修改调查问卷)."""
    _require(actor, "surveys.change_surveytemplate")
    _check_template(name, exclude=template.pk)
    with transaction.atomic():
        before = {"name": template.name, "intro": template.intro, "is_active": template.is_active}
        template.name, template.intro, template.is_active = name.strip(), intro.strip(), is_active
        template.updated_at = now()
        template.save()
        after = {"name": template.name, "intro": template.intro, "is_active": is_active}
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        record(actor=actor, action=AuditAction.UPDATE, obj=template, changes=changes)
    return template


def _clean_question(q: QuestionText) -> tuple[str, list[str]]:
    errors: dict[str, list[str]] = {}
    text = q.text.strip()
    if not text:
        errors["text"] = [_("Write the question.")]
    elif len(text) > 300:
        errors["text"] = [_("Keep the question under 300 characters.")]
    if q.kind not in QuestionKind.values:
        errors["kind"] = [_("Choose the kind of question.")]
    options = [o.strip() for o in q.options if o.strip()]
    if q.kind == QuestionKind.CHOICE:
        if len(options) < 2:
            errors["options"] = [_("A single-choice question needs at least two options.")]
        elif len(options) > MAX_OPTIONS or len(set(options)) != len(options):
            errors["options"] = [_("Give at most 20 different options.")]
    else:
        options = []
    if q.is_overall and q.kind != QuestionKind.SATISFACTION:
        errors["is_overall"] = [
            _("Only a five-point satisfaction question can be the overall satisfaction.")
        ]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return text, options


def save_question(
    *,
    actor: Any,
    template: SurveyTemplate,
    data: QuestionText,
    question: SurveyQuestion | None = None,
) -> SurveyQuestion:
    """Add or change one question (编辑题目). Marking it the overall satisfaction takes the
    mark from the template's other question: a template has at most one."""
    _require(actor, "surveys.change_surveytemplate")
    text, options = _clean_question(data)
    if question is not None and question.template_id != template.pk:
        raise ValueError("question of another template")
    with transaction.atomic():
        if data.is_overall:
            others = SurveyQuestion.objects.filter(template=template, is_overall=True)
            if question is not None:
                others = others.exclude(pk=question.pk)
            others.update(is_overall=False)
        values = {
            "text": text,
            "kind": data.kind,
            "options": options,
            "is_required": data.is_required,
            "is_overall": data.is_overall,
            "order": data.order,
        }
        if question is None:
            question = SurveyQuestion.objects.create(template=template, **values)
            action = AuditAction.CREATE
        else:
            for key, value in values.items():
                setattr(question, key, value)
            question.save()
            action = AuditAction.UPDATE
        SurveyTemplate.objects.filter(pk=template.pk).update(updated_at=now())
        record(actor=actor, action=action, obj=question, changes={"text": [None, text]})
    return question


def delete_question(*, actor: Any, question: SurveyQuestion) -> None:
    """Remove a question no customer has answered yet (删除题目)."""
    _require(actor, "surveys.change_surveytemplate")
    try:
        with transaction.atomic():
            record(
                actor=actor, action=AuditAction.DELETE, obj=question,
                changes={"text": [question.text, None]},
            )  # fmt: skip
            question.delete()
    except (ProtectedError, IntegrityError) as exc:
        raise Conflict(
            _("Customers have answered this question; it can no longer be removed."),
            code="question_answered",
        ) from exc
