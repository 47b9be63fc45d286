"""Assigning a work order (分派工单): to a person, a team, or both."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from kefu.org.models import Team
from kefu.org.scope import place_of
from kefu.tickets.categories import StatusCategory
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket
from kefu.tickets.services.events import append_event

ASSIGN_PERMISSION = "tickets.classify_ticket"


def _label(obj: Any) -> dict[str, Any] | None:
    return None if obj is None else {"id": obj.pk, "label": str(obj)}


def _checked(assignee: Any, team: Team | None, ticket: Ticket) -> None:
    errors: dict[str, list[str]] = {}
    if assignee is None and team is None:
        errors["assignee"] = [_("Choose an assignee or a team.")]
    if assignee is not None and (
        not assignee.is_active
        or not Ticket.objects.visible_to(assignee).filter(pk=ticket.pk).exists()
    ):
        errors["assignee"] = [_("This person may not work on this work order.")]
    if team is not None and not team.is_active:
        errors["team"] = [_("Choose an active team.")]
    if errors:
        raise ValidationFailed(_("The work order was not assigned."), fields=errors)


def assign_ticket(*, actor: Any, ticket: Ticket, assignee: Any, team: Team | None) -> Ticket:
    """Assign the work order (分派工单) to ``assignee`` and/or ``team``.

    Without a team the assignee's own team is taken; without an assignee the work order waits
    unassigned in the team's queue. Writes an ``assignment`` event and an audit entry, or
    nothing when the work order already sits there. A closed work order is not reassigned.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(ASSIGN_PERMISSION):
        raise NotPermitted(_("You may not assign work orders."))
    if team is None and assignee is not None:
        team_id = place_of(assignee).team_id
        team = Team.objects.filter(pk=team_id, is_active=True).first() if team_id else None
    with transaction.atomic():
        current = (
            Ticket.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("assignee", "team")
            .filter(pk=ticket.pk)
            .first()
        )
        if current is None:
            raise NotFound(_("Work order not found."))
        if current.status_category == StatusCategory.CLOSED:
            raise Conflict(_("A closed work order is not reassigned."), code="closed")
        _checked(assignee, team, current)
        new_assignee_id = assignee.pk if assignee is not None else None
        new_team_id = team.pk if team is not None else None
        if current.assignee_id == new_assignee_id and current.team_id == new_team_id:
            return current
        at = now()
        before = {"assignee": _label(current.assignee), "team": _label(current.team)}
        after = {"assignee": _label(assignee), "team": _label(team)}
        names = {
            "assignee": [str(current.assignee or ""), str(assignee or "")],
            "team": [str(current.team or ""), str(team or "")],
        }
        Ticket.objects.filter(pk=current.pk).update(
            assignee_id=new_assignee_id, team_id=new_team_id, updated_at=at
        )
        current.refresh_from_db()
        append_event(
            ticket=current,
            actor=actor,
            at=at,
            kind=EventKind.ASSIGNMENT,
            data={key: [before[key], after[key]] for key in ("assignee", "team")},
        )
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=names,
        )
    return current
