"""The console forms of the bad-input corpus (表单恶意输入语料的表单表): one row per form.

A row names the role that fills the form, its address and a valid body in the world below,
and its fields' kinds — read from the Django form class where the view has one, so a field
added to a form joins the corpus by itself. A new form is one more row in ``FORMS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from kefu.conftest import Cast
from kefu.customers.forms.customer import CustomerForm
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.kb.forms import ArticleForm
from kefu.surveys.demo import ensure_demo_surveys
from kefu.tickets.forms.callback import CallbackForm
from kefu.tickets.forms.creating import TicketCreateForm
from kefu.tickets.forms.steps import DATETIME_INPUT, StepForm
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, create_ticket
from kefu.web.tests.hostile.forms.values import Kind, kinds_of, required_of


@dataclass
class World:
    """A customer and a work order waiting at each step a form row takes."""

    cast: Cast
    customer: Customer
    tickets: dict[str, Ticket]


def _step(actor: Any, ticket: Ticket, code: str, fields: Mapping[str, object]) -> Ticket:
    return apply_transition(actor=actor, ticket=ticket, transition=code, fields=fields)


def build_world(cast: Cast) -> World:
    ensure_demo_surveys(cast.manager)
    wang = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13800138000"})
    due = timezone.now() + dt.timedelta(days=2)

    def opened(type_code: str, title: str) -> Ticket:
        return create_ticket(
            actor=cast.agent, type_code=type_code, customer=wang, channel="phone", title=title
        )

    received = opened("complaint", "空调不制冷")
    classified = _step(
        cast.agent, opened("complaint", "服务态度差"), "classify", {"category": "服务"}
    )
    forwarded = _step(
        cast.agent,
        _step(cast.agent, opened("complaint", "热水器漏水"), "classify", {"category": "维修"}),
        "forward",
        {
            "responsible_department": cast.engineering,
            "requested_action": "核实",
            "reply_due_at": due,
        },
    )
    waiting = forwarded
    for actor, code, fields in (
        (cast.handler, "start_investigation", {}),
        (cast.handler, "submit_findings", {"cause": "安装不当", "solution": "重装"}),
        (cast.agent, "reply", {"reply": "已为您重新安装"}),
        (cast.agent, "confirm_satisfied", {"satisfaction": "satisfied"}),
    ):
        waiting = _step(actor, waiting, code, fields)
    answered = _step(
        cast.agent, opened("consultation", "会员卡怎么办"), "answer", {"reply": "到前台"}
    )
    return World(
        cast,
        wang,
        {
            "received": received,
            "classified": classified,
            "reported": opened("repair", "门锁坏了"),
            "recorded": opened("consultation", "积分怎么兑换"),
            "answered": answered,
            "pending_callback": waiting,
        },
    )


def later(days: int = 3) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime(DATETIME_INPUT)


@dataclass(frozen=True)
class Form:
    """One console form: who posts it where, a valid body, its fields' kinds."""

    role: str
    url: Callable[[World], str]
    valid: Callable[[World], dict[str, str]]
    kinds: Callable[[World], dict[str, Kind]]
    required: Callable[[World], frozenset[str]]
    # Fields kept in another form than typed (normalised phones, tag lists): not compared.
    normalised: frozenset[str] = field(default_factory=frozenset)
    # The existing object the form changes, read before and after a refused case.
    snapshot: Callable[[World], Any] | None = None
    # A text field to carry the bytes that are not UTF-8.
    text_field: str = ""


def _customer_body(name: str) -> dict[str, str]:
    return {
        "kind": "person",
        "name": name,
        "gender": "unknown",
        "source_channel": "phone",
        "phone": "13700001111",
        "vip_level": "0",
        "spend_12m": "0",
        "visits_12m": "0",
    }


def _ticket_row(state: str) -> Callable[[World], Any]:
    def read(world: World) -> Any:
        ticket = world.tickets[state]
        return list(Ticket.objects.filter(pk=ticket.pk).values())

    return read


def step_form(
    state: str, code: str, valid: Callable[[World], dict[str, str]], text_field: str = ""
) -> Form:
    """The form of workflow step ``code`` on the work order waiting in ``state``."""

    def form_of(world: World) -> StepForm:
        ticket = world.tickets[state]
        move = ticket.workflow_version.workflow().transition(code)
        assert move is not None, code
        return StepForm(move)

    def body(world: World) -> dict[str, str]:
        return {"expected_state": state, **valid(world)}

    def url(world: World) -> str:
        return f"/work-orders/{world.tickets[state].number}/steps/{code}/"

    return Form(
        role="agent",
        url=url,
        valid=body,
        kinds=lambda w: kinds_of(form_of(w)),
        # Every field of a step is optional in the form; the service names what is missing.
        required=lambda w: frozenset(form_of(w).fields),
        snapshot=_ticket_row(state),
        text_field=text_field,
    )


FORMS: dict[str, Form] = {
    "customer create": Form(
        role="agent",
        url=lambda w: "/customers/new/",
        valid=lambda w: _customer_body("李雷"),
        kinds=lambda w: kinds_of(CustomerForm()),
        required=lambda w: required_of(CustomerForm()),
        normalised=frozenset({"phone", "id_number", "tags", "email"}),
        text_field="name",
    ),
    "customer edit": Form(
        role="agent",
        url=lambda w: f"/customers/{w.customer.pk}/edit/",
        valid=lambda w: _customer_body("王芳芳"),
        kinds=lambda w: kinds_of(CustomerForm(customer=w.customer)),
        required=lambda w: required_of(CustomerForm(customer=w.customer)),
        normalised=frozenset({"phone", "id_number", "tags", "email"}),
        snapshot=lambda w: list(Customer.objects.filter(pk=w.customer.pk).values()),
        text_field="address",
    ),
    "work order create": Form(
        role="agent",
        url=lambda w: "/work-orders/new/",
        valid=lambda w: {
            "type": "complaint",
            "channel": "phone",
            "priority": "medium",
            "customer_name": "赵敏",
            "customer_phone": "13900139009",
            "title": "电梯异响",
            "description": "三号楼电梯",
        },
        kinds=lambda w: kinds_of(TicketCreateForm()),
        # A phone or a customer is needed; the name and the phone are asked together.
        required=lambda w: required_of(TicketCreateForm()) | {"customer_phone"},
        normalised=frozenset({"customer_phone"}),
        text_field="title",
    ),
    "comment (reply or internal note)": Form(
        role="agent",
        url=lambda w: f"/work-orders/{w.tickets['received'].number}/comments/",
        valid=lambda w: {"kind": "reply", "body": "已回电客户"},
        kinds=lambda w: {"body": "text", "kind": "flag"},
        required=lambda w: frozenset({"body"}),
        snapshot=_ticket_row("received"),
        text_field="body",
    ),
    "knowledge article": Form(
        role="manager",
        url=lambda w: "/knowledge/new/",
        valid=lambda w: {"title": "厨房漏水处理", "body": "先关总阀。", "visibility": "internal"},
        kinds=lambda w: kinds_of(ArticleForm(can_publish=True)),
        required=lambda w: required_of(ArticleForm(can_publish=True)),
        normalised=frozenset({"tags"}),
        text_field="title",
    ),
    "callback outcome": Form(
        role="agent",
        url=lambda w: f"/work-orders/{w.tickets['pending_callback'].number}/callback/",
        valid=lambda w: {"outcome": "reached", "satisfaction": "satisfied", "notes": "客户满意"},
        kinds=lambda w: kinds_of(CallbackForm()),
        # Reached: the satisfaction is asked too.
        required=lambda w: required_of(CallbackForm()) | {"satisfaction"},
        snapshot=_ticket_row("pending_callback"),
        text_field="notes",
    ),
    "step classify (text)": step_form(
        "received", "classify", lambda w: {"category": "服务态度"}, "category"
    ),
    "step escalate_major (text, long text)": step_form(
        "received",
        "escalate_major",
        lambda w: {"category": "服务态度", "major_reason": "媒体关注"},
        "major_reason",
    ),
    "step forward (department, long text, date-time)": step_form(
        "classified",
        "forward",
        lambda w: {
            "responsible_department": str(w.cast.engineering.pk),
            "requested_action": "核实并处理",
            "reply_due_at": later(),
        },
        "requested_action",
    ),
    "step dispatch (partner company, long text, date-time)": step_form(
        "reported",
        "dispatch",
        lambda w: {
            "partner": str(w.cast.property_company.pk),
            "requested_action": "上门维修",
            "repair_due_at": later(1),
        },
        "requested_action",
    ),
    "step defer (date-time)": step_form(
        "recorded", "defer", lambda w: {"promised_reply_at": later(2)}
    ),
    "step confirm_satisfied (satisfaction)": step_form(
        "answered", "confirm_satisfied", lambda w: {"satisfaction": "satisfied"}
    ),
}
