"""Survey campaigns (满意度调查活动): create one for a segment, send it once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.customers.choices import Grade
from kefu.surveys.choices import CampaignStatus, SegmentKind, SurveyChannel
from kefu.surveys.models import SurveyCampaign, SurveyTemplate
from kefu.surveys.segments import Segment, segment_customers, targets
from kefu.surveys.services.invitations import create_and_send
from kefu.tickets.models import Ticket, TicketType


def _require(actor: Any, perm: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(_("You may not manage survey campaigns."))


def campaign_segment(campaign: SurveyCampaign) -> Segment:
    return Segment(
        kind=campaign.segment,
        channel=campaign.channel,
        closed_from=campaign.closed_from,
        closed_to=campaign.closed_to,
        ticket_type_ids=tuple(campaign.ticket_types.values_list("pk", flat=True)),
        grades=tuple(campaign.grades),
    )


def check_segment(segment: Segment) -> None:
    errors: dict[str, list[str]] = {}
    if segment.channel not in SurveyChannel.values:
        errors["channel"] = [_("Choose SMS or email.")]
    if segment.kind == SegmentKind.CLOSED_TICKETS:
        if segment.closed_from is None or segment.closed_to is None:
            errors["closed_from"] = [_("Give the first and the last day of closing.")]
        elif segment.closed_from > segment.closed_to:
            errors["closed_to"] = [_("The last day comes before the first day.")]
    elif segment.kind == SegmentKind.GRADES:
        if not segment.grades or not set(segment.grades) <= set(Grade.values):
            errors["grades"] = [_("Choose at least one grade.")]
    else:
        errors["segment"] = [_("Choose whom to ask.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)


def create_campaign(
    *,
    actor: Any,
    template: SurveyTemplate,
    name: str,
    segment: Segment,
    ticket_types: Sequence[TicketType] = (),
    valid_days: int = 14,
) -> SurveyCampaign:
    """Create a survey campaign (新建调查活动) as a draft; nothing is sent yet."""
    _require(actor, "surveys.add_surveycampaign")
    check_segment(segment)
    if not name.strip():
        message = _("Give the campaign a name.")
        raise ValidationFailed(message, fields={"name": [message]})
    if not template.is_active:
        message = _("Choose an active survey template.")
        raise ValidationFailed(message, fields={"template": [message]})
    if not 1 <= valid_days <= 90:
        message = _("A link may stay valid from 1 to 90 days.")
        raise ValidationFailed(message, fields={"valid_days": [message]})
    with transaction.atomic():
        campaign = SurveyCampaign.objects.create(
            template=template,
            name=name.strip(),
            segment=segment.kind,
            closed_from=segment.closed_from if segment.kind == SegmentKind.CLOSED_TICKETS else None,
            closed_to=segment.closed_to if segment.kind == SegmentKind.CLOSED_TICKETS else None,
            grades=list(segment.grades) if segment.kind == SegmentKind.GRADES else [],
            channel=segment.channel,
            valid_days=valid_days,
            created_by=actor,
            created_at=now(),
        )
        if segment.kind == SegmentKind.CLOSED_TICKETS:
            campaign.ticket_types.set(ticket_types)
        record(actor=actor, action=AuditAction.CREATE, obj=campaign, changes={"name": [None, name]})
    return campaign


def send_campaign(*, actor: Any, campaign: SurveyCampaign) -> int:
    """Send a draft campaign (发送调查活动): one invitation per customer of its segment, each
    link through messaging. Claimed by a conditional UPDATE on the draft status, so two clicks
    send it once. Returns how many invitations were created."""
    _require(actor, "surveys.change_surveycampaign")
    with transaction.atomic():
        at = now()
        claimed = SurveyCampaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).update(
            status=CampaignStatus.SENT, sent_at=at
        )
        if not claimed:
            raise Conflict(_("This campaign has been sent already."), code="campaign_sent")
        campaign.refresh_from_db()
        found = list(targets(campaign_segment(campaign)))
        ids = [ticket_id for _customer, ticket_id in found if ticket_id]
        tickets = Ticket.objects.in_bulk(ids) if ids else {}
        for customer, ticket_id in found:
            create_and_send(
                actor=actor, template=campaign.template, customer=customer,
                channel=campaign.channel, ticket=tickets.get(ticket_id) if ticket_id else None,
                campaign=campaign, valid_days=campaign.valid_days, at=at,
            )  # fmt: skip
        record(
            actor=actor, action=AuditAction.UPDATE, obj=campaign,
            changes={"status": [CampaignStatus.DRAFT, CampaignStatus.SENT], "sent": len(found)},
        )  # fmt: skip
    return len(found)


def preview_count(segment: Segment) -> int:
    """How many customers the segment holds now (预览人数)."""
    return segment_customers(segment).count()


def closed_range_default(today: dt.date) -> tuple[dt.date, dt.date]:
    """Last calendar month: the usual range of a monthly survey."""
    first_this = today.replace(day=1)
    last_prev = first_this - dt.timedelta(days=1)
    return last_prev.replace(day=1), last_prev
