"""Filters of the response list (答卷筛选), shared by the page and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kefu.surveys.querysets import SurveyResponseQuerySet


@dataclass(frozen=True)
class ResponseFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    level: str = ""
    campaign_id: int | None = None
    ticket_number: str = ""


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered(qs: SurveyResponseQuerySet, f: ResponseFilters) -> SurveyResponseQuerySet:
    """Responses submitted from ``date_from`` to ``date_to`` (local days, both included), of
    one overall level, one campaign, one work order."""
    if f.date_from:
        qs = qs.filter(submitted_at__gte=_start(f.date_from))
    if f.date_to:
        qs = qs.filter(submitted_at__lt=_start(f.date_to + dt.timedelta(days=1)))
    if f.level:
        qs = qs.filter(level=f.level)
    if f.campaign_id:
        qs = qs.filter(campaign_id=f.campaign_id)
    if f.ticket_number.strip():
        qs = qs.filter(ticket__number=f.ticket_number.strip())
    return qs
