"""Answering a survey (填写调查): the link opened and the answers given, without a login.

A link is checked in this order: signed by us and naming a real invitation with the same
nonce (else *invalid*), already answered (*answered*: the thank-you page), past its expiry
(*expired*). Answers are recorded once: the invitation is claimed by a conditional UPDATE on
``answered_at IS NULL``, so a second submission (or two at once) records nothing more.
"""

from __future__ import annotations

import enum
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, ValidationFailed
from kefu.surveys.choices import InvitationStatus, QuestionKind
from kefu.surveys.links import read_token
from kefu.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from kefu.tickets.choices import EventKind, Satisfaction
from kefu.tickets.feedback_models import SatisfactionSource
from kefu.tickets.services.events import append_event
from kefu.tickets.services.satisfaction import record_satisfaction_level

MAX_TEXT = 2000


class LinkState(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"
    ANSWERED = "answered"
    OPEN = "open"


@dataclass(frozen=True)
class OpenedLink:
    state: LinkState
    invitation: SurveyInvitation | None = None


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


def look_up(token: str) -> OpenedLink:
    """What a link leads to (no writes)."""
    key = read_token(token)
    if key is None:
        return OpenedLink(LinkState.INVALID)
    invitation = (
        SurveyInvitation.objects.select_related("template", "ticket")
        .filter(pk=key.invitation_id)
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.nonce, key.nonce):
        return OpenedLink(LinkState.INVALID)
    if invitation.answered_at is not None:
        return OpenedLink(LinkState.ANSWERED, invitation)
    if invitation.expires_at <= now():
        return OpenedLink(LinkState.EXPIRED, invitation)
    return OpenedLink(LinkState.OPEN, invitation)


def mark_opened(invitation: SurveyInvitation) -> None:
    """Stamp the first opening of the link (for the campaign's progress)."""
    SurveyInvitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
        opened_at=now()
    )
    SurveyInvitation.objects.filter(
        pk=invitation.pk, status__in=[InvitationStatus.SENT, InvitationStatus.PENDING]
    ).update(status=InvitationStatus.OPENED)


def questions_of(invitation: SurveyInvitation) -> list[SurveyQuestion]:
    return list(invitation.template.questions.order_by("order", "id"))


def clean_answers(questions: list[SurveyQuestion], given: Mapping[str, str]) -> dict[int, str]:
    """The answers by question id; ValidationFailed with a message per question field."""
    errors: dict[str, list[str]] = {}
    answers: dict[int, str] = {}
    for question in questions:
        name = field_name(question)
        value = (given.get(name) or "").strip()
        if not value:
            if question.is_required:
                errors[name] = [_("Please answer this question.")]
            continue
        allowed = (
            Satisfaction.values
            if question.kind == QuestionKind.SATISFACTION
            else question.options
            if question.kind == QuestionKind.CHOICE
            else None
        )
        if allowed is not None and value not in allowed:
            errors[name] = [_("Choose one of the answers.")]
        elif question.kind == QuestionKind.TEXT and len(value) > MAX_TEXT:
            errors[name] = [_("Keep the answer under 2,000 characters.")]
        else:
            answers[question.pk] = value
    if errors:
        raise ValidationFailed(_("Please answer the marked questions."), fields=errors)
    return answers


def submit_response(
    *, invitation: SurveyInvitation, given: Mapping[str, str]
) -> SurveyResponse | None:
    """Record the answers of one invitation (提交答卷) and, from the overall question, exactly
    one satisfaction record (source survey) and the work order's ``satisfaction`` event, all
    in one transaction. None when the invitation was answered already (nothing recorded)."""
    questions = questions_of(invitation)
    answers = clean_answers(questions, given)
    with transaction.atomic():
        at = now()
        claimed = SurveyInvitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True, expires_at__gt=at
        ).update(answered_at=at, status=InvitationStatus.ANSWERED)
        if not claimed:
            invitation.refresh_from_db()
            if invitation.answered_at is not None:
                return None
            raise Conflict(_("This survey link has expired."), code="survey_expired")
        invitation.answered_at, invitation.status = at, InvitationStatus.ANSWERED
        overall = next((q for q in questions if q.is_overall), None)
        level = answers.get(overall.pk, "") if overall is not None else ""
        response = SurveyResponse.objects.create(
            invitation=invitation,
            template=invitation.template,
            campaign_id=invitation.campaign_id,
            customer_id=invitation.customer_id,
            ticket_id=invitation.ticket_id,
            level=level,
            submitted_at=at,
        )
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question_id=qid, value=value)
            for qid, value in answers.items()
        )
        if level:
            response.satisfaction_record = record_satisfaction_level(
                customer=invitation.customer, ticket=invitation.ticket, level=level,
                source=SatisfactionSource.SURVEY, at=at,
            )  # fmt: skip
            response.save(update_fields=["satisfaction_record"])
            if invitation.ticket is not None:
                append_event(
                    ticket=invitation.ticket, actor=None, at=at, kind=EventKind.SATISFACTION,
                    data={"satisfaction": level, "text": invitation.template.name},
                )  # fmt: skip
        record(
            actor=None, action=AuditAction.CREATE, obj=response,
            changes={"invitation": [None, invitation.pk], "satisfaction": [None, level or None]},
        )  # fmt: skip
    return response
