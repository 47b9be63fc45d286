"""Schemas of the surveys API (调查接口数据)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from kefu.core.paging import MAX_PAGE_SIZE
from kefu.surveys.choices import InvitationStatus, QuestionKind, SurveyChannel
from kefu.surveys.links import survey_url
from kefu.surveys.models import SurveyInvitation, SurveyResponse
from kefu.tickets.choices import Satisfaction


class ResponseFiltersIn(Schema):
    date_from: date | None = Field(None, description="Submitted on or after this day.")
    date_to: date | None = Field(None, description="Submitted on or before this day.")
    level: Satisfaction | None = Field(None, description="Overall satisfaction.")
    campaign: int | None = Field(None, ge=1, description="Campaign id.")
    ticket: str = Field("", max_length=32, description="Work order number.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class AnswerOut(Schema):
    question: str
    kind: QuestionKind
    is_overall: bool
    value: str


class ResponseOut(Schema):
    id: int
    template: str
    campaign: int | None
    customer: int = Field(description="Customer id.")
    ticket: str | None = Field(description="Work order number.")
    level: Satisfaction | None = Field(description="Answer to the overall question.")
    submitted_at: datetime
    answers: list[AnswerOut]


class ResponsePage(Schema):
    items: list[ResponseOut]
    next_cursor: str | None = Field(description="Pass as ``cursor`` for the next page.")


class InvitationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ticket: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    channel: SurveyChannel


class InvitationOut(Schema):
    id: int
    ticket: str | None
    customer: int
    channel: SurveyChannel
    status: InvitationStatus
    url: str = Field(description="The signed survey link sent to the customer.")
    created_at: datetime
    expires_at: datetime


def response_out(response: SurveyResponse) -> dict[str, Any]:
    return {
        "id": response.pk,
        "template": response.template.name,
        "campaign": response.campaign_id,
        "customer": response.customer_id,
        "ticket": response.ticket.number if response.ticket else None,
        "level": response.level or None,
        "submitted_at": response.submitted_at,
        "answers": [
            {
                "question": a.question.text,
                "kind": a.question.kind,
                "is_overall": a.question.is_overall,
                "value": a.value,
            }
            for a in response.answers.all()
        ],
    }


def invitation_out(invitation: SurveyInvitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "ticket": invitation.ticket.number if invitation.ticket else None,
        "customer": invitation.customer_id,
        "channel": invitation.channel,
        "status": invitation.status,
        "url": survey_url(invitation.pk, invitation.nonce),
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }
