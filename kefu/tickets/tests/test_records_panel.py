"""The records panel on the work order page: registered, scoped, and what each role is offered."""

from __future__ import annotations

import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings

from kefu.tickets.models import TicketEvent
from kefu.tickets.panels import panels_for
from kefu.tickets.record_querysets import events_visible_to
from kefu.tickets.services.records import add_attachment, add_comment, set_tags
from kefu.tickets.tests.records_helpers import (
    PDF,
    dispatch_repair,
    english_fixture,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def rendered(ticket, user):
    [panel] = [p for p in panels_for(ticket, user) if p["key"] == "records"]
    request = RequestFactory().get(f"/work-orders/{ticket.number}/")
    request.user = user
    return render_to_string(panel["template"], {"ctx": panel["context"]}, request=request)


def test_the_records_panel_is_registered_and_hidden_from_users_out_of_scope(cast, customer):
    repair = dispatch_repair(cast, customer)
    assert "records" in [p["key"] for p in panels_for(repair, cast.agent)]
    assert "records" not in [p["key"] for p in panels_for(repair, cast.other_partner)]


def test_the_agent_is_offered_reply_note_templates_attach_link_merge_none_and_tags(cast, customer):
    repair = dispatch_repair(cast, customer)
    set_tags(actor=cast.agent, ticket=repair, names=["夜间"])
    html = rendered(repair, cast.agent)
    for testid in ("comment-form", "reply-template", "attachment-form", "link-form", "tags-form"):
        assert f'data-testid="{testid}"' in html, testid
    assert 'value="reply"' in html
    assert 'value="note" checked' in html  # the safer default
    assert 'data-testid="merge-form"' not in html  # supervisors and managers merge
    assert "致歉" in html  # a shipped standard reply to pick
    assert 'class="tag">夜间<' in html
    assert 'data-testid="merge-form"' in rendered(repair, cast.supervisor)


def test_a_partner_may_only_attach_and_never_sees_the_internal_note(cast, customer):
    repair = dispatch_repair(cast, customer)
    add_comment(actor=cast.agent, ticket=repair, body="内部：勿告知客户维修费用", is_internal=True)
    html = rendered(repair, cast.partner)
    assert "内部：勿告知客户维修费用" not in html
    assert 'data-testid="attachment-form"' in html
    assert 'name="is_internal"' not in html  # cannot mark an attachment internal
    for testid in ("comment-form", "link-form", "merge-form", "tags-form"):
        assert f'data-testid="{testid}"' not in html, testid


def test_events_of_internal_records_are_left_out_of_a_partners_history(cast, customer, tmp_path):
    repair = dispatch_repair(cast, customer)
    add_comment(actor=cast.agent, ticket=repair, body="内部", is_internal=True)
    add_comment(actor=cast.agent, ticket=repair, body="您好", is_internal=False)
    with override_settings(DATA_DIR=tmp_path):
        for internal in (True, False):
            add_attachment(
                actor=cast.agent,
                ticket=repair,
                content=io.BytesIO(PDF),
                name="a.pdf",
                is_internal=internal,
            )
    events = TicketEvent.objects.filter(ticket=repair, kind__in=["note", "comment", "attachment"])
    staff = [e.kind for e in events_visible_to(events, cast.handler)]
    assert staff == ["note", "comment", "attachment", "attachment"]
    partner = list(events_visible_to(events, cast.partner))
    assert [(e.kind, e.data.get("is_internal")) for e in partner] == [
        ("comment", None),
        ("attachment", False),
    ]
