"""Sending a survey link (发送调查链接): the one place that hands a message to messaging.

Survey links are service messages (not marketing): ``purpose="service"``; the dedupe key
``survey:<invitation id>`` makes a repeated send of the same invitation a no-op in messaging.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kefu.messaging.choices import DeliveryStatus
from kefu.messaging.services import send_message
from kefu.surveys.models import SurveyInvitation


def link_message(invitation: SurveyInvitation, url: str) -> tuple[str, str]:
    """Subject and body of the invitation (short enough for one SMS with the link), in the
    site's language (the customer's, not the sending agent's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _link_message(invitation, url)


def _link_message(invitation: SurveyInvitation, url: str) -> tuple[str, str]:
    subject = _("Please rate our service")
    if invitation.ticket_id is not None:
        ticket = invitation.ticket
        assert ticket is not None
        body = _(
            "Dear customer, how satisfied are you with the handling of your work order "
            "%(number)s? Please tell us here: %(url)s"
        ) % {"number": ticket.number, "url": url}
    else:
        body = _("Dear customer, please take one minute to rate our service: %(url)s") % {
            "url": url
        }
    return subject, body


def deliver(*, invitation: SurveyInvitation, url: str) -> bool:
    """Hand the link to messaging (its delivery log keeps the message); False when messaging
    skipped it (no usable address, customer archived). Runs in the caller's transaction."""
    subject, body = link_message(invitation, url)
    delivery = send_message(
        customer=invitation.customer,
        channel=invitation.channel,
        subject=subject,
        body=body,
        purpose="service",
        dedupe_key=f"survey:{invitation.pk}",
        actor=invitation.created_by,
    )
    return bool(delivery.status != DeliveryStatus.SKIPPED)
