"""The two printed documents (打印单据): the work contact order and the customer opinion form."""

from __future__ import annotations

from django.utils import translation

from kefu.core import clock
from kefu.liaison.models import ContactOrder
from kefu.liaison.opinion import opinion_form
from kefu.liaison.pdf import FORM_LANGUAGE, render_pdf
from kefu.liaison.presenters import customer_phone, state_label
from kefu.org.models import Department
from kefu.org.scope import place_of
from kefu.tickets.models import Ticket


def contact_order_pdf(order: ContactOrder) -> bytes:
    """工作联系单: number, date, issuing and receiving departments, requested action, reply
    deadline, the customer (phone masked), the answer and signature lines."""
    with translation.override(FORM_LANGUAGE):
        return _contact_order_pdf(order)


def _contact_order_pdf(order: ContactOrder) -> bytes:
    ticket = order.ticket
    issuer_department = ""
    department_id = place_of(order.issued_by).department_id if order.issued_by_id else None
    if department_id is not None:
        issuer_department = (
            Department.objects.filter(pk=department_id).values_list("name", flat=True).first() or ""
        )
    return render_pdf(
        "liaison/pdf/contact_order.html",
        {
            "order": order,
            "ticket": ticket,
            "issuer_department": issuer_department,
            "customer_phone": customer_phone(ticket),
            "state": state_label(ticket),
            "printed_at": clock.now(),
        },
    )


def opinion_form_pdf(ticket: Ticket) -> bytes:
    """顾客意见处理单 of a complaint."""
    with translation.override(FORM_LANGUAGE):
        return render_pdf(
            "liaison/pdf/opinion_form.html",
            {"form": opinion_form(ticket), "ticket": ticket, "printed_at": clock.now()},
        )
