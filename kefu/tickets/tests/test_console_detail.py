"""The work order page (工单详情): header, history, workflow steps through their forms,
refusals with their reason, the callback form and the registered panels."""

from __future__ import annotations

import re

import pytest

from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.panels import _PANELS, register_panel
from kefu.tickets.tests import console_fixtures
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.console_fixtures import forwarded_complaint, step

pytestmark = pytest.mark.django_db
people = console_fixtures.people


def page(client, user, ticket, **params):
    client.force_login(user)
    response = client.get(f"/work-orders/{ticket.number}/", params)
    assert response.status_code == 200
    return response.content.decode()


def post_step(client, user, ticket, code, data, language="zh-hans"):
    client.force_login(user)
    return client.post(
        f"/work-orders/{ticket.number}/steps/{code}/",
        {"expected_state": ticket.state, **data},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def refusal(body):
    found = re.search(r'data-testid="refusal">([^<]*)<', body)
    return found.group(1) if found else None


def state_of(body):
    found = re.search(r'data-testid="state" data-state="([^"]+)"', body)
    assert found is not None, "the page shows no state"
    return found.group(1)


@pytest.fixture
def awaiting_callback(cast, people):
    """A complaint replied to, the customer satisfied: it waits in 待回访."""
    ticket = forwarded_complaint(cast, people["wang"])
    ticket = step(cast.handler, ticket, "start_investigation", {})
    ticket = step(
        cast.handler, ticket, "submit_findings", {"cause": "安装不当", "solution": "重装"}
    )
    ticket = step(cast.agent, ticket, "reply", {"reply": "已为您重新安装"})
    ticket = step(cast.agent, ticket, "confirm_satisfied", {"satisfaction": "satisfied"})
    assert ticket.state == "pending_callback"
    return ticket


def test_the_page_shows_the_header_with_a_masked_phone_and_the_state(client, cast, people):
    ticket = open_ticket(cast, people["wang"], description="客户来电反映空调不制冷")
    body = page(client, cast.agent, ticket)
    assert ticket.number in body
    assert state_of(body) == "received"
    assert '<strong data-testid="state" data-state="received">已受理</strong>' in body
    assert "138****8000" in body
    assert "13800138000" not in body
    assert f'href="/customers/{people["wang"].pk}/"' in body
    assert "客户来电反映空调不制冷" in body
    assert "工单已创建" in body  # the created event, readable


def test_the_state_label_follows_the_language(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    client.force_login(cast.agent)
    body = client.get(f"/work-orders/{ticket.number}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<strong data-testid="state" data-state="received">Received</strong>' in body


def test_a_work_order_out_of_scope_is_not_found(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    for user in (cast.handler, cast.partner):
        client.force_login(user)
        assert client.get(f"/work-orders/{ticket.number}/").status_code == 404
        assert post_step(client, user, ticket, "classify", {"category": "x"}).status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).state == "received"


def test_the_steps_offered_are_buttons_and_one_opens_its_form(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    body = page(client, cast.agent, ticket)
    assert 'data-step="classify"' in body
    assert 'data-step="escalate_major"' in body
    assert "data-step-form" not in body
    body = page(client, cast.agent, ticket, step="escalate_major")
    form = body.split('data-step-form="escalate_major"')[1].split("</form>")[0]
    assert 'name="category"' in form
    assert 'list="category-options"' in form
    assert re.search(r'<textarea name="major_reason"', form)
    assert "重大投诉理由" in form
    assert page(client, cast.qa, ticket).count("data-step=") == 0


def test_the_forward_form_offers_departments_partners_stay_out(client, cast, people):
    ticket = step(
        cast.agent, open_ticket(cast, people["wang"]), "classify", {"category": "服务态度"}
    )
    form = page(client, cast.agent, ticket, step="forward").split('data-step-form="forward"')[1]
    select = form.split('name="responsible_department"')[1].split("</select>")[0]
    assert "工程部" in select
    assert "物业公司" not in select
    assert 'name="reply_due_at"' in form
    assert 'type="datetime-local"' in form


def test_a_step_through_the_form_moves_the_state_and_writes_the_event(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    response = post_step(client, cast.agent, ticket, "classify", {"category": "服务态度"})
    assert response.status_code == 302
    assert response["Location"] == f"/work-orders/{ticket.number}/"
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.state, stored.category) == ("classified", "服务态度")
    event = TicketEvent.objects.filter(ticket=ticket, kind=EventKind.TRANSITION).get()
    assert (event.transition, event.actor) == ("classify", cast.agent)
    assert event.data["fields"] == {"category": "服务态度"}

    response = post_step(
        client,
        cast.agent,
        stored,
        "forward",
        {
            "responsible_department": cast.engineering.pk,
            "requested_action": "请核实安装人员的服务态度",
            "reply_due_at": "2026-11-25T10:30",
        },
    )
    assert response.status_code == 302
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.state, stored.department) == ("forwarded", cast.engineering)
    body = page(client, cast.agent, stored)
    assert state_of(body) == "forwarded"
    history = body.split('data-testid="history"')[1]
    assert "开具工作联系单转责任部门" in history
    assert "已分类 → 已转责任部门（待处理）" in history
    assert "工程部" in history
    assert "2026-11-25 10:30" in history


def test_a_refused_step_shows_the_chinese_reason_and_writes_nothing(client, cast, people):
    ticket = forwarded_complaint(cast, people["wang"])
    ticket = step(cast.handler, ticket, "start_investigation", {})
    ticket = step(
        cast.handler, ticket, "submit_findings", {"cause": "安装不当", "solution": "重装"}
    )
    ticket = step(cast.agent, ticket, "reply", {"reply": "已为您重新安装"})
    events = TicketEvent.objects.filter(ticket=ticket).count()
    response = post_step(
        client, cast.agent, ticket, "confirm_satisfied", {"satisfaction": "dissatisfied"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert refusal(body) == "客户尚未表示满意。"
    form = body.split('data-step-form="confirm_satisfied"')[1].split("</form>")[0]
    assert '<option value="dissatisfied" selected>' in form  # the choice is kept
    assert state_of(body) == "awaiting_confirmation"
    assert TicketEvent.objects.filter(ticket=ticket).count() == events
    assert Ticket.objects.get(pk=ticket.pk).state == "awaiting_confirmation"


def test_archiving_before_the_callback_is_refused_and_writes_nothing(
    client, cast, awaiting_callback
):
    ticket = awaiting_callback
    events = TicketEvent.objects.filter(ticket=ticket).count()
    body = page(client, cast.agent, ticket)
    assert 'data-step="archive"' in body.split("blocked-steps")[1]  # shown, not offered
    response = post_step(client, cast.agent, ticket, "archive", {})
    assert response.status_code in (409, 422)
    body = response.content.decode()
    assert "回访" in refusal(body)
    assert state_of(body) == "pending_callback"
    assert TicketEvent.objects.filter(ticket=ticket).count() == events
    assert Ticket.objects.get(pk=ticket.pk).state == "pending_callback"


def test_a_refusal_is_worded_in_english_for_an_english_user(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    response = post_step(client, cast.agent, ticket, "classify", {}, language="en")
    assert refusal(response.content.decode()) == "Please fill in “Category”."
    assert Ticket.objects.get(pk=ticket.pk).state == "received"


def test_missing_fields_are_named_and_the_typed_values_are_kept(client, cast, people):
    ticket = step(
        cast.agent, open_ticket(cast, people["wang"]), "classify", {"category": "服务态度"}
    )
    response = post_step(
        client, cast.agent, ticket, "forward", {"requested_action": "请核实并回复"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "请填写“责任部门”。" in refusal(body)
    assert "请填写“要求回复时间”。" in refusal(body)
    form = body.split('data-step-form="forward"')[1].split("</form>")[0]
    assert "请核实并回复</textarea>" in form
    assert 'data-testid="field-error"' in form
    assert Ticket.objects.get(pk=ticket.pk).state == "classified"
    assert not TicketEvent.objects.filter(ticket=ticket, transition="forward").exists()


def test_a_stale_page_is_refused(client, cast, people):
    ticket = open_ticket(cast, people["wang"])
    seen = Ticket.objects.get(pk=ticket.pk)
    step(cast.agent, ticket, "classify", {"category": "服务态度"})
    response = post_step(client, cast.supervisor, seen, "classify", {"category": "产品质量"})
    assert response.status_code == 409
    assert "工单已被他人修改" in refusal(response.content.decode()) or refusal(
        response.content.decode()
    )
    assert Ticket.objects.get(pk=ticket.pk).category == "服务态度"


def test_the_callback_form_records_the_callback_and_then_archiving_works(
    client, cast, awaiting_callback
):
    ticket = awaiting_callback
    body = page(client, cast.agent, ticket)
    assert 'data-testid="callback-form"' in body
    assert 'value="very_satisfied"' in body.split('data-testid="callback-form"')[1]
    assert 'data-testid="callback-form"' not in page(client, cast.qa, ticket)
    client.force_login(cast.agent)
    response = client.post(
        f"/work-orders/{ticket.number}/callback/",
        {"outcome": "reached", "satisfaction": "very_satisfied", "notes": "客户很满意"},
    )
    assert response.status_code == 302
    event = TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CALLBACK).get()
    assert event.data["outcome"] == "reached"
    body = page(client, cast.agent, ticket)
    assert 'data-testid="callback-form"' not in body
    assert 'data-step="archive"' in body.split("blocked-steps")[0]  # offered now
    assert post_step(client, cast.agent, ticket, "archive", {}).status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).state == "archived"


def test_a_callback_without_satisfaction_is_refused_with_the_reason(
    client, cast, awaiting_callback
):
    client.force_login(cast.agent)
    response = client.post(
        f"/work-orders/{awaiting_callback.number}/callback/", {"outcome": "reached"}
    )
    assert response.status_code == 422
    assert refusal(response.content.decode())
    assert not TicketEvent.objects.filter(
        ticket=awaiting_callback, kind=EventKind.CALLBACK
    ).exists()


def test_registered_panels_render_with_their_context(client, cast, people, tmp_path, settings):
    ticket = open_ticket(cast, people["wang"])
    (tmp_path / "panel.html").write_text(
        '<section data-testid="test-panel">{{ ctx.word }}</section>'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine.get("DIRS", []), str(tmp_path)]}]
    register_panel(
        "test", "panel.html", lambda t, u: {"word": f"面板{t.number}"} if u == cast.agent else None
    )
    try:
        assert f"面板{ticket.number}" in page(client, cast.agent, ticket)
        assert 'data-testid="test-panel"' not in page(client, cast.supervisor, ticket)
    finally:
        _PANELS.pop("test", None)


def test_handler_sees_their_steps_on_forwarded_work(client, cast, people):
    ticket = forwarded_complaint(cast, people["wang"])
    body = page(client, cast.handler, ticket)
    assert 'data-step="start_investigation"' in body
    assert 'data-step="classify"' not in body
    assert post_step(client, cast.handler, ticket, "start_investigation", {}).status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).state == "investigating"


def test_the_r_key_opens_the_reply_when_it_is_offered(client, cast, people):
    ticket = forwarded_complaint(cast, people["wang"])
    ticket = step(cast.handler, ticket, "start_investigation", {})
    ticket = step(
        cast.handler, ticket, "submit_findings", {"cause": "安装不当", "solution": "重装"}
    )
    body = page(client, cast.agent, ticket)
    first = re.findall(r'data-step="([^"]+)" data-first-step', body)
    assert first == ["reply"]
    assert 'data-step="request_more"' in body
