"""The survey panel of the work order page (工单满意度调查面板): the invitations sent about the
work order, their answers, and the button that sends a new one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kefu.surveys.choices import SurveyChannel
from kefu.surveys.links import survey_url
from kefu.surveys.models import SurveyInvitation
from kefu.tickets.models import Ticket

PANEL_ROWS = 10


def ticket_panel(ticket: Ticket, user: Any) -> Mapping[str, Any] | None:
    """Context of ``surveys/_ticket_panel.html``; None (hidden) without the capability to see
    survey invitations."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(
        "surveys.view_surveyinvitation"
    ):
        return None
    invitations = list(
        SurveyInvitation.objects.visible_to(user)
        .filter(ticket=ticket)
        .select_related("template", "created_by", "response")
        .order_by("-id")[:PANEL_ROWS]
    )
    can_send = user.has_perm("surveys.add_surveyinvitation")
    return {
        "ticket": ticket,
        "survey_rows": [
            {
                "invitation": inv,
                "response": getattr(inv, "response", None),
                # The link itself only for those who may send one (to read it out on the phone).
                "url": survey_url(inv.pk, inv.nonce) if can_send and not inv.answered_at else "",
            }
            for inv in invitations
        ],
        "survey_can_send": can_send,
        "survey_channels": SurveyChannel.choices,
    }
