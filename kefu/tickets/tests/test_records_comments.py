"""Comments: replies to the customer vs internal notes, who may write and see them, and the
first-response stamp."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.tickets.models import Ticket, TicketComment, TicketEvent
from kefu.tickets.services.records import add_comment
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.records_helpers import (
    dispatch_repair,
    english_fixture,  # noqa: F401 (fixture)
    forward_complaint,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets"


def auth(cast, role):
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


@pytest.fixture
def repair(cast, customer):
    """A repair dispatched to 物业公司 with a reply and an internal note."""
    ticket = dispatch_repair(cast, customer)
    add_comment(actor=cast.agent, ticket=ticket, body="师傅明天上午上门。", is_internal=False)
    add_comment(actor=cast.agent, ticket=ticket, body="内部：该客户曾三次投诉。", is_internal=True)
    return ticket


def test_a_reply_and_a_note_are_recorded_with_their_own_event_kinds(cast, customer, repair):
    kinds = list(
        TicketEvent.objects.filter(ticket=repair, kind__in=["comment", "note"]).values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["comment", "note"]
    note = TicketComment.objects.get(is_internal=True)
    assert AuditEntry.objects.filter(
        object_type="tickets.ticketcomment", object_id=str(note.pk)
    ).exists()
    # The event carries the comment's id, never the note's text.
    assert "内部" not in str(TicketEvent.objects.get(ticket=repair, kind="note").data)


def test_internal_notes_are_invisible_to_a_partner_user_in_the_api(client, cast, repair):
    url = f"{URL}/{repair.number}/comments"
    staff = client.get(url, headers=auth(cast, "agent")).json()
    assert [(c["body"], c["is_internal"]) for c in staff] == [
        ("师傅明天上午上门。", False),
        ("内部：该客户曾三次投诉。", True),
    ]
    partner = client.get(url, headers=auth(cast, "partner")).json()
    assert [c["body"] for c in partner] == ["师傅明天上午上门。"]
    assert client.get(url, headers=auth(cast, "other_partner")).status_code == 404


def test_internal_notes_are_invisible_to_a_partner_user_on_the_page(client, cast, repair):
    url = reverse("ticket_records:page", args=[repair.number])
    client.force_login(cast.partner)
    page = client.get(url).content.decode()
    assert "师傅明天上午上门。" in page
    assert "内部：该客户曾三次投诉。" not in page
    assert 'data-testid="comment-form"' not in page  # a partner writes neither kind
    client.force_login(cast.agent)
    assert "内部：该客户曾三次投诉。" in client.get(url).content.decode()


def test_a_department_handler_sees_and_writes_internal_notes_but_cannot_reply(cast, customer):
    complaint = forward_complaint(cast, customer)
    add_comment(actor=cast.agent, ticket=complaint, body="请工程部重点跟进", is_internal=True)
    assert TicketComment.objects.visible_to(cast.handler).filter(ticket=complaint).count() == 1
    add_comment(actor=cast.handler, ticket=complaint, body="已派人查看", is_internal=True)
    with pytest.raises(NotPermitted) as refused:
        add_comment(actor=cast.handler, ticket=complaint, body="您好", is_internal=False)
    assert refused.value.message == "You may not reply to customers."
    assert TicketComment.objects.filter(ticket=complaint).count() == 2


def test_a_partner_may_not_comment_and_nothing_is_written(cast, customer):
    repair = dispatch_repair(cast, customer)
    before = TicketEvent.objects.count()
    with pytest.raises(NotPermitted):
        add_comment(actor=cast.partner, ticket=repair, body="已修好", is_internal=True)
    assert not TicketComment.objects.exists()
    assert TicketEvent.objects.count() == before


def test_an_empty_comment_is_refused(cast, customer):
    ticket = open_ticket(cast, customer)
    with pytest.raises(ValidationFailed) as refused:
        add_comment(actor=cast.agent, ticket=ticket, body="   ", is_internal=False)
    assert refused.value.fields == {"body": ["Enter the text."]}


def test_the_first_reply_to_the_customer_stamps_first_response_but_a_note_does_not(cast, customer):
    ticket = open_ticket(cast, customer)
    add_comment(actor=cast.agent, ticket=ticket, body="内部备注", is_internal=True)
    assert Ticket.objects.get(pk=ticket.pk).first_response_at is None
    first = add_comment(actor=cast.agent, ticket=ticket, body="您好，已受理", is_internal=False)
    assert Ticket.objects.get(pk=ticket.pk).first_response_at == first.at
    add_comment(actor=cast.agent, ticket=ticket, body="再次答复", is_internal=False)
    assert Ticket.objects.get(pk=ticket.pk).first_response_at == first.at
    events = TicketEvent.objects.filter(ticket=ticket, kind="comment").order_by("id")
    assert [e.data["first_response"] for e in events] == [True, False]


def test_api_reply_needs_the_reply_capability(client, cast, customer):
    ticket = open_ticket(cast, customer)
    url = f"{URL}/{ticket.number}/comments"
    created = client.post(
        url,
        {"body": "您好", "is_internal": False},
        content_type="application/json",
        headers=auth(cast, "agent"),
    )
    assert created.status_code == 201
    assert created.json()["is_internal"] is False
    refused = client.post(
        url, {"body": "x"}, content_type="application/json", headers=auth(cast, "qa")
    )
    assert refused.status_code == 403
    assert TicketComment.objects.count() == 1


def test_console_note_form_answers_the_panel_with_the_note_marked_internal(client, cast, customer):
    ticket = open_ticket(cast, customer)
    client.force_login(cast.agent)
    response = client.post(
        reverse("ticket_records:comment", args=[ticket.number]),
        {"kind": "note", "body": "客户情绪激动，注意措辞"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'data-testid="internal-note"' in html
    assert "客户情绪激动，注意措辞" in html
    assert TicketComment.objects.get().is_internal is True


def test_console_refusal_keeps_the_typed_text_and_shows_the_reason(client, cast, customer):
    ticket = open_ticket(cast, customer)
    client.force_login(cast.agent)
    response = client.post(
        reverse("ticket_records:comment", args=[ticket.number]),
        {"kind": "reply", "body": "x" * 10_001},
        headers={"HX-Request": "true"},
    )
    assert "The text is too long." in response.content.decode()
    assert not TicketComment.objects.exists()
