"""Reads of work orders (工单查询): data scope, current workflow versions, the event log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from kefu.core.appendonly import AppendOnlyQuerySet
from kefu.tickets.model_indexes import ACTIVE_STATUSES

if TYPE_CHECKING:
    from kefu.tickets.models import Ticket, TicketEvent, WorkflowVersion  # noqa: F401


def _open_condition() -> models.Func:
    # Literal values, not parameters: SQLite uses a partial index only when the query repeats
    # its WHERE term exactly, and bound parameters are not compared.
    literals = ", ".join(f"'{value}'" for value in ACTIVE_STATUSES if value.isidentifier())
    return models.Func(
        models.F("status_category"),
        template=f"%(expressions)s IN ({literals})",
        output_field=models.BooleanField(),
    )


class TicketQuerySet(models.QuerySet["Ticket"]):
    def open_work(self) -> TicketQuerySet:
        """Open work (在办): new, open or waiting, written as the partial queue indexes are."""
        return self.filter(_open_condition())

    def visible_to(self, user: Any) -> TicketQuerySet:
        """Data scope (数据范围): service staff with ``view_all_tickets`` see every work order;
        a department handler or partner user those whose responsible department or partner is
        their department or company; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm("tickets.view_ticket"):
            return self.none()
        if user.has_perm("tickets.view_all_tickets"):
            return self
        from kefu.org.scope import place_of

        department_id = place_of(user).department_id
        if department_id is None:
            return self.none()
        return self.sent_to(department_id)

    def sent_to(self, department_id: int) -> TicketQuerySet:
        """Work orders forwarded to a department as responsible department or as partner."""
        return self.filter(
            models.Q(department_id=department_id) | models.Q(partner_id=department_id)
        )


def customers_of_forwarded_tickets(department_id: int) -> models.QuerySet[Any]:
    """Customer scope provider (客户数据范围): ids of the customers of work orders sent to the
    department or partner company, so its handlers see exactly those customers."""
    from kefu.tickets.models import Ticket

    return Ticket.objects.sent_to(department_id).values("customer_id")


class WorkflowVersionQuerySet(models.QuerySet["WorkflowVersion"]):
    def current_for(self, type_code: str) -> WorkflowVersion | None:
        """The newest published version of the type's workflow (当前流程版本)."""
        return self.filter(ticket_type__code=type_code).order_by("-version").first()


class TicketEventQuerySet(AppendOnlyQuerySet["TicketEvent"]):
    """Work order events are append-only: update and delete are refused here too."""
