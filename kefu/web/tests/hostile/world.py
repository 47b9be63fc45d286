"""A hostile world (恶意数据世界): the demo service center with a script payload in every
free-text field, written through the services where one exists and swept over the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.db import models

from kefu.accounts.models import User
from kefu.core.clock import now, today
from kefu.customers.models import Customer
from kefu.customers.services import create_customer, update_customer
from kefu.liaison.models import ContactOrder
from kefu.org.models import Department
from kefu.tickets.models import Ticket
from kefu.tickets.services import apply_transition, create_ticket
from kefu.tickets.services.records import add_comment, set_tags
from kefu.web.tests.hostile.payloads import PAYLOAD

FORMULAS = ('=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1:A2)")

# Free-text fields swept with the payload (model label → field names).
SWEPT: dict[str, tuple[str, ...]] = {
    "customers.Customer": ("name", "address", "notes", "company"),
    "customers.StoredItem": ("name", "notes"),
    "org.Department": ("name", "description", "obligations"),
    "org.Team": ("name",),
    "org.Position": ("title", "purpose", "duties", "qualifications"),
    "org.Staff": ("name", "skills"),
    "accounts.User": ("display_name",),
    "tickets.Ticket": ("title", "description"),
    "tickets.ReplyTemplate": ("title", "body"),
    "kb.ArticleCategory": ("name",),
    "kb.Article": ("title",),
    "liaison.ContactOrder": ("requested_action", "cause", "solution", "repair_report"),
    "callbacks.CallbackTask": ("note", "notes"),
    "callbacks.CallbackAttempt": ("notes",),
    "callbacks.CallbackRule": ("name", "note"),
    "campaigns.MessageTemplate": ("subject", "body"),
    "campaigns.Campaign": ("name",),
    "surveys.SurveyTemplate": ("intro",),
    "surveys.SurveyQuestion": ("text",),
    "surveys.SurveyAnswer": ("value",),
    "quality.ServiceError": ("description",),
    "sla.SlaPolicy": ("name",),
    "sla.BusinessCalendar": ("name",),
    "notify.Notification": ("subject", "body"),
}
# Unique names get the row's id appended.
SWEPT_UNIQUE: dict[str, tuple[str, ...]] = {
    "customers.Tag": ("name",),
    "kb.ArticleTag": ("name",),
    "campaigns.MessageTemplate": ("name",),
    "surveys.SurveyTemplate": ("name",),
}


@dataclass
class HostileWorld:
    admin: User
    customer: Customer
    ticket: Ticket
    formula_customers: list[Customer]


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)


def _fitted(model: type[models.Model], name: str, text: str) -> str:
    """The text cut to the column's length (PostgreSQL refuses longer; SQLite would not)."""
    limit = getattr(model._meta.get_field(name), "max_length", None)
    return text[:limit] if limit else text


def _sweep() -> None:
    for label, names in SWEPT.items():
        model = _model(label)
        model._default_manager.update(**{n: _fitted(model, n, PAYLOAD) for n in names})
    for label, names in SWEPT_UNIQUE.items():
        model = _model(label)
        for pk in model._default_manager.values_list("pk", flat=True):
            suffix = str(pk)
            model._default_manager.filter(pk=pk).update(
                **{n: _fitted(model, n, PAYLOAD)[: -len(suffix) or None] + suffix
                   for n in names}
            )  # fmt: skip


def build_hostile_world(settings: Any) -> HostileWorld:
    settings.KEFU_DEMO_HISTORY_DAYS = 1
    call_command("demo", verbosity=0)
    admin = User.objects.get(username="admin")
    manager = User.objects.get(username="manager")
    customer = create_customer(
        actor=admin,
        data={"name": PAYLOAD, "phone": "13800138000", "address": PAYLOAD, "notes": PAYLOAD},
    )
    update_customer(actor=admin, customer=customer, data={"notes": PAYLOAD + "（已核实）"})
    ticket = create_ticket(
        actor=admin,
        type_code="complaint",
        customer=customer,
        channel="phone",
        title=PAYLOAD,
        description=PAYLOAD,
    )
    # Step form values (stored in the events and the contact order) through the workflow.
    ticket = apply_transition(
        actor=admin, ticket=ticket, transition="classify", fields={"category": "产品质量"}
    )
    ticket = apply_transition(
        actor=admin,
        ticket=ticket,
        transition="forward",
        fields={
            "responsible_department": Department.objects.get(code="engineering"),
            "requested_action": PAYLOAD,
            "reply_due_at": now() + timedelta(days=2),
        },
    )
    _articles(admin)
    for target in Ticket.objects.all()[:6]:
        add_comment(actor=admin, ticket=target, body=PAYLOAD, is_internal=False)
        add_comment(actor=admin, ticket=target, body=PAYLOAD, is_internal=True)
        set_tags(actor=admin, ticket=target, names=[PAYLOAD[:30], "普通"])
    from kefu.quality.services import register_error

    register_error(
        actor=manager,
        occurred_on=today(),
        error_type="attitude",
        severity="minor",
        description=PAYLOAD,
        ticket=ticket,
    )
    formula_customers = [
        create_customer(actor=admin, data={"name": text, "phone": f"1390000000{i}"})
        for i, text in enumerate(FORMULAS)
    ]
    _sweep()
    for i, (found, text) in enumerate(zip(formula_customers, FORMULAS, strict=True)):
        Customer.objects.filter(pk=found.pk).update(name=text, notes=text, address=text)
        formula_customers[i].refresh_from_db()
    customer.refresh_from_db()
    ticket.refresh_from_db()
    return HostileWorld(admin, customer, ticket, formula_customers)


def _articles(admin: User) -> None:
    """Knowledge articles (知识文章) with the payload in light markdown, through the services."""
    from kefu.kb.models import Article
    from kefu.kb.services.articles import ArticleText, create_article, edit_article, publish_article

    body = f"# {PAYLOAD}\n\n* {PAYLOAD}\n\n**{PAYLOAD}** [链接](javascript:alert(1))\n"
    created = create_article(actor=admin, text=ArticleText(title=PAYLOAD, body=body))
    publish_article(actor=admin, article=created)
    for article in Article.objects.exclude(pk=created.pk).order_by("pk")[:3]:
        edit_article(
            actor=admin,
            article=article,
            text=ArticleText(title=PAYLOAD, body=body, change_note=PAYLOAD),
        )
        publish_article(actor=admin, article=article)


def orders() -> list[ContactOrder]:
    return list(ContactOrder.objects.all())
