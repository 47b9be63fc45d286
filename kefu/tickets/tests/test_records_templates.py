"""Standard replies: shipped templates, safe filling, the API and the management page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.tickets.models import ReplyTemplate, Ticket
from kefu.tickets.reply_presets import SHIPPED
from kefu.tickets.replytext import fill
from kefu.tickets.services.records import (
    create_reply_template,
    render_reply_template,
    update_reply_template,
)
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.records_helpers import (
    dispatch_repair,
    english_fixture,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def auth(cast, role):
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


def test_ten_chinese_standard_replies_are_shipped():
    codes = list(ReplyTemplate.objects.filter(is_active=True).values_list("code", flat=True))
    assert codes == [code for code, _title, _body in SHIPPED]
    assert ReplyTemplate.objects.get(code="apology").title == "致歉"
    assert "{due}" in ReplyTemplate.objects.get(code="forwarded").body


def test_fill_replaces_known_variables_and_keeps_the_rest_as_written():
    values = {"customer_name": "王芳", "number": "TS20261123-0007", "due": None}
    assert fill("{customer_name}您好，工单{number}，{due}前答复；{other}", values) == (
        "王芳您好，工单TS20261123-0007，{due}前答复；{other}"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "{0.__class__}",
        "{customer_name.__class__.__mro__}",
        "{customer_name!r}",
        "{number:>999999999}",
        "{customer_name[0]}",
        "{{customer_name}}",
        "{",
        "}{",
    ],
)
def test_hostile_braces_come_out_exactly_as_written(hostile):
    assert fill(hostile, {"customer_name": "王芳", "number": "X"}) == hostile.replace(
        "{{customer_name}}", "{王芳}"
    )


def test_a_template_is_filled_in_for_the_work_order_and_the_agent(cast, customer):
    ticket = open_ticket(cast, customer, title="空调不制冷")
    due = timezone.make_aware(dt.datetime(2026, 11, 25, 17, 30))
    Ticket.objects.filter(pk=ticket.pk).update(next_due_at=due)
    ticket.refresh_from_db()
    template = ReplyTemplate.objects.create(
        code="t",
        title="T",
        body="{customer_name}您好，我是{agent_name}。{number}（{title}）将在{due}前答复。",
    )
    text = render_reply_template(actor=cast.agent, template=template, ticket=ticket)
    assert text == f"王芳您好，我是agent。{ticket.number}（空调不制冷）将在2026-11-25 17:30前答复。"


def test_a_hostile_stored_template_leaks_nothing_when_filled(cast, customer):
    ticket = open_ticket(cast, customer)
    template = ReplyTemplate.objects.create(
        code="evil",
        title="x",
        body="{0.__class__} {customer_name.__init__.__globals__} {customer_name}",
    )
    text = render_reply_template(actor=cast.agent, template=template, ticket=ticket)
    assert text == "{0.__class__} {customer_name.__init__.__globals__} 王芳"


def test_a_template_with_an_unknown_variable_is_refused(cast):
    with pytest.raises(ValidationFailed) as refused:
        create_reply_template(actor=cast.supervisor, code="x", title="X", body="您好{nmae}")
    assert refused.value.fields["body"][0].startswith("Unknown variables: {nmae}.")
    assert not ReplyTemplate.objects.filter(code="x").exists()


def test_only_supervisors_and_managers_keep_templates(cast):
    with pytest.raises(NotPermitted):
        create_reply_template(actor=cast.agent, code="x", title="X", body="您好")
    template = create_reply_template(actor=cast.manager, code="x", title="X", body="您好")
    changed = update_reply_template(
        actor=cast.supervisor,
        template=template,
        code="x",
        title="新",
        body="您好",
        is_active=False,
        position=5,
    )
    assert (changed.title, changed.is_active) == ("新", False)


@pytest.mark.urls("kefu.tickets.tests.records_api_urls")
def test_api_lists_active_templates_and_renders_one_for_a_work_order_in_scope(
    client, cast, customer
):
    repair = dispatch_repair(cast, customer)
    ReplyTemplate.objects.filter(code="apology").update(is_active=False)
    listed = client.get("/api/v1/reply-templates", headers=auth(cast, "agent")).json()
    assert "apology" not in [t["code"] for t in listed]
    assert "greeting" in [t["code"] for t in listed]
    url = "/api/v1/reply-templates/greeting/render"
    rendered = client.get(url, {"ticket": repair.number}, headers=auth(cast, "agent"))
    assert rendered.status_code == 200
    assert rendered.json()["text"].startswith("您好，王芳，我是客服agent")
    assert repair.number in rendered.json()["text"]
    assert (
        client.get(url, {"ticket": repair.number}, headers=auth(cast, "partner")).status_code == 403
    )
    missing = client.get(
        "/api/v1/reply-templates/apology/render",
        {"ticket": repair.number},
        headers=auth(cast, "agent"),
    )
    assert missing.status_code == 404


def test_the_panel_inserts_a_filled_template_after_the_typed_text(client, cast, customer):
    ticket = open_ticket(cast, customer)
    client.force_login(cast.agent)
    response = client.get(
        reverse("ticket_records:fill", args=[ticket.number]),
        {"template": "apology", "body": "王女士："},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="comment-body"' in html
    assert "王女士：\n王芳您好，对于给您带来的不便" in html


def test_the_management_page_is_for_supervisors_and_managers(client, cast):
    url = reverse("ticket_records:templates")
    client.force_login(cast.agent)
    assert client.get(url).status_code == 403
    client.force_login(cast.supervisor)
    assert "致歉" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "code": "holiday",
            "title": "节日问候",
            "body": "{customer_name}您好，节日快乐！",
            "position": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    template = ReplyTemplate.objects.get(code="holiday")
    edit = reverse("ticket_records:template_edit", args=[template.pk])
    refused = client.post(
        edit, {"code": "holiday", "title": "节日问候", "body": "{bad}", "position": 1}
    )
    assert "Unknown variables: {bad}." in refused.content.decode()
    assert ReplyTemplate.objects.get(pk=template.pk).body == "{customer_name}您好，节日快乐！"
