"""Reads of surveys (调查查询): data scope of invitations and responses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.surveys.models import SurveyInvitation, SurveyResponse  # noqa: F401


def _scoped(qs: models.QuerySet[Any], user: Any, perm: str) -> models.QuerySet[Any]:
    """Service staff who may read every work order see every row; a user without ``perm``
    none; anyone else only the rows of work orders in their own scope."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(perm):
        return qs.none()
    if user.has_perm("tickets.view_all_tickets"):
        return qs
    from kefu.tickets.models import Ticket

    return qs.filter(ticket__in=Ticket.objects.visible_to(user).values("pk"))


class SurveyInvitationQuerySet(models.QuerySet["SurveyInvitation"]):
    def visible_to(self, user: Any) -> SurveyInvitationQuerySet:
        return _scoped(self, user, "surveys.view_surveyinvitation")  # type: ignore[return-value]


class SurveyResponseQuerySet(models.QuerySet["SurveyResponse"]):
    def visible_to(self, user: Any) -> SurveyResponseQuerySet:
        return _scoped(self, user, "surveys.view_surveyresponse")  # type: ignore[return-value]
