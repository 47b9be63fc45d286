"""Inviting a customer (发送调查邀请): the invitation, its signed link, the message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.customers.models import Customer
from kefu.surveys.choices import InvitationStatus, SurveyChannel
from kefu.surveys.links import new_nonce, survey_url
from kefu.surveys.models import SurveyCampaign, SurveyInvitation, SurveyTemplate
from kefu.surveys.sending import deliver
from kefu.tickets.models import Ticket

DEFAULT_VALID_DAYS = 14


def has_address(customer: Customer, channel: str) -> bool:
    return bool(customer.phone if channel == SurveyChannel.SMS else customer.email)


def default_template() -> SurveyTemplate | None:
    """The active template a work order survey uses: one with an overall question first."""
    active = SurveyTemplate.objects.filter(is_active=True)
    return (
        active.filter(questions__is_overall=True).order_by("id").first()
        or active.order_by("id").first()
    )


def create_and_send(
    *,
    actor: Any,
    template: SurveyTemplate,
    customer: Customer,
    channel: str,
    ticket: Ticket | None = None,
    campaign: SurveyCampaign | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
    at: dt.datetime | None = None,
) -> SurveyInvitation:
    """Create one invitation and send its link; runs in the caller's transaction. A message
    messaging skips (no usable address, customer archived) leaves it "not delivered"."""
    at = at or now()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    invitation = SurveyInvitation.objects.create(
        template=template,
        campaign=campaign,
        customer=customer,
        ticket=ticket,
        channel=channel,
        nonce=new_nonce(),
        created_by=actor if is_user else None,
        created_at=at,
        expires_at=at + dt.timedelta(days=valid_days),
    )
    if deliver(invitation=invitation, url=survey_url(invitation.pk, invitation.nonce)):
        invitation.status = InvitationStatus.SENT
        invitation.sent_at = at
    else:
        invitation.status = InvitationStatus.FAILED
    invitation.save(update_fields=["status", "sent_at"])
    return invitation


def invite_for_ticket(
    *,
    actor: Any,
    ticket: Ticket,
    channel: str,
    template: SurveyTemplate | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> SurveyInvitation:
    """Send the customer of one work order a survey about it (工单满意度调查)."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "surveys.add_surveyinvitation"
    ):
        raise NotPermitted(_("You may not send surveys."))
    if channel not in SurveyChannel.values:
        message = _("Choose SMS or email.")
        raise ValidationFailed(message, fields={"channel": [message]})
    template = template or default_template()
    if template is None or not template.is_active:
        raise Conflict(_("There is no active survey template."), code="no_survey_template")
    with transaction.atomic():
        current = (
            Ticket.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("customer")
            .filter(pk=ticket.pk)
            .first()
        )
        if current is None:
            raise NotFound(_("Work order not found."))
        if not has_address(current.customer, channel):
            message = (
                _("The customer has no mobile phone on file.")
                if channel == SurveyChannel.SMS
                else _("The customer has no email address on file.")
            )
            raise ValidationFailed(message, fields={"channel": [message]})
        at = now()
        waiting = SurveyInvitation.objects.filter(
            ticket=current, answered_at__isnull=True, expires_at__gt=at
        ).exclude(status=InvitationStatus.FAILED)
        if waiting.exists():
            raise Conflict(
                _("A survey of this work order is still waiting for the customer's answer."),
                code="survey_waiting",
            )
        invitation = create_and_send(
            actor=actor, template=template, customer=current.customer, channel=channel,
            ticket=current, valid_days=valid_days, at=at,
        )  # fmt: skip
        record(
            actor=actor, action=AuditAction.CREATE, obj=invitation,
            changes={"ticket": [None, current.number], "channel": [None, channel]},
        )  # fmt: skip
    return invitation
