"""Work order notifications (工单通知): the effects that tell people something happened.

``notify_agent`` tells the agent who owns the work order (its assignee, else whoever opened
it) that the responsible department fed its result back (seed 001: 反馈结果).
``escalate_to_senior_manager`` tells every senior manager (高层经理) of a major complaint
(seed 001: 重大投诉上报高层经理). Both go to the console inbox and, once, by email.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kefu.notify.services import notify
from kefu.tickets.models import Ticket


def ticket_link(ticket: Ticket) -> str:
    """The work order page's path (工单链接), for notifications."""
    try:
        return reverse("tickets:detail", args=[ticket.number])
    except NoReverseMatch:  # pragma: no cover - the console is always mounted
        return ""


def notify_agent(ticket: Ticket, actor: Any, fields: Mapping[str, object]) -> dict[str, object]:
    """Tell the owning agent that the result came back (反馈结果给客服人员)."""
    owner = ticket.assignee or ticket.created_by
    if owner is None:
        return {"effect": "notify_agent", "done": False, "notified": []}
    with translation.override("zh-hans"):
        subject = _("Result fed back: %(number)s %(title)s") % {
            "number": ticket.number,
            "title": ticket.title,
        }
        body = "\n".join(str(v) for k, v in fields.items() if k in ("cause", "solution",
                                                                    "repair_report"))  # fmt: skip
    notify([owner], kind="ticket_feedback", subject=subject, body=body, link=ticket_link(ticket))
    return {"effect": "notify_agent", "done": True, "notified": [owner.get_username()]}


def escalate_to_senior_manager(
    ticket: Ticket, actor: Any, fields: Mapping[str, object]
) -> dict[str, object]:
    """Report a major complaint to the senior managers (重大投诉上报高层经理)."""
    people = list(
        get_user_model()
        .objects.filter(groups__name="senior_manager", is_active=True)
        .order_by("pk")
    )
    with translation.override("zh-hans"):
        subject = _("Major complaint: %(number)s %(title)s") % {
            "number": ticket.number,
            "title": ticket.title,
        }
        body = str(fields.get("major_reason", ""))
    notify(people, kind="major_complaint", subject=subject, body=body, link=ticket_link(ticket))
    return {
        "effect": "escalate_to_senior_manager",
        "done": bool(people),
        "notified": [person.get_username() for person in people],
    }
