"""Call list, agent extensions, the work order panel, the timeline, roles and the command."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from kefu.accounts.models import User
from kefu.audit.models import AuditEntry
from kefu.cti.models import AgentExtension, Call
from kefu.cti.panels import ticket_calls_panel
from kefu.cti.services import ticket_from_call
from kefu.cti.tests.conftest import Webhook
from kefu.customers.timeline import timeline_for
from kefu.tickets.panels import panels_for
from kefu.tickets.services import create_ticket


def calls_seen(client, user, **params):
    client.force_login(user)
    response = client.get("/calls/", params)
    assert response.status_code == 200
    return {row.call.call_id for row in response.context["rows"]}, response.content.decode()


@pytest.fixture
def three_calls(webhook, caller):
    webhook.post(call_id="mine", event="answered", caller="13812345678", extension="8001")
    webhook.post(call_id="theirs", event="answered", caller="13900001111", extension="8002")
    webhook.post(call_id="queue", event="ringing", caller="13900002222")


def test_an_agent_lists_their_calls_and_unassigned_ringing_ones(client, cast, three_calls):
    seen, body = calls_seen(client, cast.agent)
    assert seen == {"mine", "queue"}
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "张伟" in body


@pytest.mark.parametrize("role", ["supervisor", "manager", "admin"])
def test_leads_list_every_call(client, cast, three_calls, role):
    assert calls_seen(client, cast.by_role(role))[0] == {"mine", "theirs", "queue"}


@pytest.mark.parametrize("role", ["qa", "handler", "partner", "auditor"])
def test_roles_without_calls_cannot_open_the_list(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get("/calls/").status_code == 403


def test_the_list_filters_by_last_four_digits_number_and_state(client, cast, three_calls):
    assert calls_seen(client, cast.supervisor, q="1111")[0] == {"theirs"}
    assert calls_seen(client, cast.supervisor, q="+86 139 0000 2222")[0] == {"queue"}
    assert calls_seen(client, cast.supervisor, state="ringing")[0] == {"queue"}
    assert calls_seen(client, cast.supervisor, q="not a number")[0] == set()


def test_an_admin_assigns_moves_and_removes_extensions(client, cast, other_agent):
    client.force_login(cast.admin)
    assert client.get("/calls/extensions/").status_code == 200
    response = client.post("/calls/extensions/", {"user": cast.agent.pk, "extension": "8001"})
    assert response.status_code == 302
    held = AgentExtension.objects.get(extension="8001")
    assert held.user == cast.agent
    client.post("/calls/extensions/", {"user": other_agent.pk, "extension": "8001"})
    held.refresh_from_db()
    assert held.user == other_agent
    actions = list(
        AuditEntry.objects.filter(object_type="cti.agentextension")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update"]
    client.post(f"/calls/extensions/{held.pk}/delete/")
    assert not AgentExtension.objects.exists()


def test_an_extension_cannot_go_to_a_user_who_does_not_answer_the_phone(client, cast):
    client.force_login(cast.admin)
    response = client.post("/calls/extensions/", {"user": cast.qa.pk, "extension": "8009"})
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not AgentExtension.objects.exists()


@pytest.mark.parametrize("role", ["agent", "supervisor", "manager"])
def test_only_the_administrator_manages_extensions(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get("/calls/extensions/").status_code == 403
    response = client.post("/calls/extensions/", {"user": cast.agent.pk, "extension": "8001"})
    assert response.status_code == 403
    assert not AgentExtension.objects.exists()


def test_the_work_order_page_lists_its_calls_and_the_customers_recent_ones(webhook, cast, caller):
    webhook.post(call_id="first", event="answered", caller="13812345678", extension="8001")
    webhook.post(call_id="first", event="ended", caller="13812345678", extension="8001")
    webhook.post(call_id="second", event="answered", caller="13812345678", extension="8001")
    webhook.post(call_id="stranger", event="answered", caller="13900001111", extension="8001")
    ticket = ticket_from_call(
        actor=cast.agent, call=Call.objects.get(call_id="first"), type_code="complaint"
    )
    context = ticket_calls_panel(ticket, cast.agent)
    assert context is not None
    rows = {row["call"].call_id: row for row in context["call_rows"]}
    assert set(rows) == {"first", "second"}
    assert rows["first"]["is_this_ticket"]
    assert not rows["second"]["is_this_ticket"]
    with translation.override("zh-hans"):
        html = render_to_string("cti/_ticket_panel.html", {"ctx": context})
    assert "本工单" in html
    assert "138****5678" in html
    assert "13812345678" not in html
    assert "calls" in [panel["key"] for panel in panels_for(ticket, cast.agent)]
    assert "calls" not in [panel["key"] for panel in panels_for(ticket, cast.qa)]


def test_the_panel_is_hidden_when_the_customer_had_no_calls(cast, caller, extensions):
    ticket = create_ticket(
        actor=cast.agent, type_code="complaint", customer=caller, channel="web", title="网上投诉"
    )
    assert ticket_calls_panel(ticket, cast.agent) is None


def test_the_customer_timeline_shows_the_calls_the_user_may_see(webhook, cast, caller, other_agent):
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    kinds = [entry.kind for entry in timeline_for(caller, cast.agent)]
    assert "call" in kinds
    assert "call" not in [entry.kind for entry in timeline_for(caller, other_agent)]


def test_reporting_calls_belongs_to_no_role(cast):
    for group in Group.objects.all():
        granted = set(group.permissions.values_list("content_type__app_label", "codename"))
        assert ("cti", "add_call") not in granted, group.name
    agent_perms = set(
        Group.objects.get(name="agent").permissions.values_list("codename", flat=True)
    )
    assert "view_call" in agent_perms
    assert "view_all_calls" not in agent_perms


def test_the_nav_shows_calls_to_phone_roles_only(client, cast):
    client.force_login(cast.agent)
    assert "calls" in {item["key"] for item in client.get("/").context["nav_items"]}
    client.force_login(cast.qa)
    assert "calls" not in {item["key"] for item in client.get("/").context["nav_items"]}


def test_the_cti_account_command_creates_a_login_less_reporter(client, cast, extensions, capsys):
    call_command("cti_account", "pbx-main")
    call_command("cti_account", "pbx-main")  # twice is harmless
    user = User.objects.get(username="pbx-main")
    assert not user.has_usable_password()
    assert user.role_codes == []
    assert user.has_perm("cti.add_call")
    assert not user.has_perm("cti.view_call")
    call_command("kefu_token", "create", "pbx-main")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    response = Webhook(client, token).post(call_id="c-1", event="ringing", caller="13812345678")
    assert response.status_code == 200
    assert Call.objects.get().call_id == "c-1"


def test_the_work_order_page_shows_the_calls_panel(client, webhook, cast, caller, settings):
    from django.urls import NoReverseMatch, reverse

    settings.STORAGES = {  # static files as in development, not a collected manifest
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    webhook.post(call_id="c-1", event="answered", caller="13812345678", extension="8001")
    ticket = ticket_from_call(actor=cast.agent, call=Call.objects.get(), type_code="repair")
    try:
        url = reverse("tickets:detail", args=[ticket.number])
    except NoReverseMatch:
        pytest.skip("the work order page does not exist yet")
    client.force_login(cast.agent)
    body = client.get(url).content.decode()
    assert 'data-testid="ticket-calls"' in body
    assert "本工单" in body
    client.force_login(cast.qa)
    assert 'data-testid="ticket-calls"' not in client.get(url).content.decode()
